import { ProviderError } from '../../kernel/provider-error';
import type { ProviderResponse } from '../../kernel/provider-http-client';
import { InvalidResponse, ResponseReader } from '../../kernel/response-reader';
import { classifyNengmaoCode, NENGMAO_OK } from '../codes';

/** The envelope as read: `data` stays a reader, each operation knows its shape. */
export interface ReadEnvelope {
  readonly errorCode: number;
  readonly msg: string;
  readonly data: ResponseReader;
  readonly total?: number;
  /** The whole body, for the tolerant readers that look beside `data` (return/list `returnList`). */
  readonly body: ResponseReader;
}

export function readNengmaoEnvelope(json: unknown): ReadEnvelope {
  if (json === undefined) throw new InvalidResponse('$', 'a JSON object', json);
  const body = ResponseReader.of(json);
  body.object();
  return {
    errorCode: body.field('errorCode').integer(),
    msg: body.field('msg').optionalString() ?? '',
    data: body.field('data'),
    total: body.field('total').optionalInteger(),
    body,
  };
}

/**
 * Reads the envelope and turns a refusal into a typed ProviderError (retryable as `codes.ts`
 * classifies it). `keep` lists the codes whose answer still means something to the caller
 * (partial results 421/423, "already shipped" 419 ...): those come back as values.
 */
export function interpretNengmao(
  provider: string,
  operation: string,
  response: ProviderResponse,
  keep: readonly number[] = [],
): ReadEnvelope {
  const envelope = readNengmaoEnvelope(response.json);
  if (envelope.errorCode === NENGMAO_OK || keep.includes(envelope.errorCode)) return envelope;
  throw nengmaoProviderError(provider, operation, envelope.errorCode, envelope.msg);
}

export function nengmaoProviderError(provider: string, operation: string, code: number, msg: string): ProviderError {
  const info = classifyNengmaoCode(code);
  return new ProviderError({
    provider,
    operation,
    kind: 'provider',
    code: String(code),
    message: msg.trim() === '' ? info.message : msg,
    retryable: info.retryable,
  });
}
