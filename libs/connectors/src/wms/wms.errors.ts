import { ProviderError } from '../kernel/provider-error';
import type { ProviderResponse } from '../kernel/provider-http-client';
import { ResponseReader } from '../kernel/response-reader';
import { classifyWmsError, WMS_ERROR_TABLE, WMS_PROVIDER, WMS_STATE_SUCCESS, WmsFailureClass, WmsFailureMeaning } from './codes';
import type { WmsEnvelope } from './wire/sku';

/** A WMS refusal: the ProviderError plus what the code means (conflict, not found ...), for the catalogue sink. */
export class WmsProviderError extends ProviderError {
  constructor(
    operation: string,
    readonly errorCode: string,
    readonly meaning: WmsFailureMeaning,
    message: string,
    retryable: boolean,
    httpStatus: number,
  ) {
    super({
      provider: WMS_PROVIDER,
      operation,
      kind: meaning === 'rate_limited' ? 'rate_limited' : httpStatus >= 400 ? 'http' : 'provider',
      code: errorCode,
      message,
      retryable,
      httpStatus,
    });
  }
}

function readEnvelope<T>(json: unknown, readItem: (item: ResponseReader) => T): WmsEnvelope<T> {
  const reader = ResponseReader.of(json);
  reader.object();
  const result = reader.field('result');
  return {
    errorCode: reader.field('errorCode').optionalString() ?? '',
    errorMsg: reader.field('errorMsg').optionalString() ?? '',
    state: reader.field('state').optionalString() ?? '',
    total: reader.field('total').optionalInteger(),
    result: result.isPresent() ? result.array().map(readItem) : undefined,
  };
}

/**
 * ADR 0005: business outcomes are HTTP 200 with the outcome in the envelope, so the body decides,
 * never the status alone. Success is `state: "success"` with an empty `errorCode`; authentication
 * is 401 and an unknown version 404, both with the envelope.
 */
export function requireWmsSuccess<T>(
  operation: string,
  response: ProviderResponse,
  readItem: (item: ResponseReader) => T,
  table: Readonly<Record<string, WmsFailureClass>> = WMS_ERROR_TABLE,
): WmsEnvelope<T> {
  if (response.status < 200 || response.status >= 300) {
    let code = `HTTP_${response.status}`;
    let message = response.text.trim().slice(0, 200);
    try {
      const envelope = readEnvelope(response.json, () => undefined);
      if (envelope.errorCode !== '') code = envelope.errorCode;
      if (envelope.errorMsg !== '') message = envelope.errorMsg;
    } catch {
      // No envelope: the status speaks alone.
    }
    const known = table[code] ?? { meaning: response.status === 401 || response.status === 403 ? 'auth' : 'provider', retryable: false };
    throw new WmsProviderError(
      operation,
      code,
      known.meaning,
      message === '' ? `HTTP ${response.status}` : message,
      known.retryable,
      response.status,
    );
  }
  const envelope = readEnvelope(response.json, readItem);
  if (envelope.state === WMS_STATE_SUCCESS && envelope.errorCode === '') return envelope;
  const code = envelope.errorCode === '' ? 'UNKNOWN_FAILURE' : envelope.errorCode;
  const failure = classifyWmsError(code, envelope.errorMsg, table);
  throw new WmsProviderError(
    operation,
    code,
    failure.meaning,
    envelope.errorMsg === '' ? `state ${envelope.state}` : envelope.errorMsg,
    failure.retryable,
    response.status,
  );
}
