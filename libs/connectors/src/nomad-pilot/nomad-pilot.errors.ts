import { ProviderError } from '../kernel/provider-error';
import type { ProviderResponse } from '../kernel/provider-http-client';
import { ResponseReader } from '../kernel/response-reader';
import { PILOT_PROVIDER, pilotHttpFailure } from './codes';
import type { PilotListResponse } from './wire/envelopes';
import type { PilotInventoryResponse } from './wire/inventory-product';
import { INVENTORY_PRODUCT_FIELDS } from './wire/inventory-product';
import { PILOT_PO_ITEM_FIELDS, PILOT_PURCHASE_FIELDS, PilotPoItem, PilotPurchase } from './wire/inventory-purchase';
import { allOf, readFields } from './wire/read-fields';

/** Reads the list envelope `{code, message, data[], total}` with a reader for the (undocumented) records. */
export function readListEnvelope<T>(json: unknown, readItem: (item: ResponseReader) => T): PilotListResponse<T> {
  const reader = ResponseReader.of(json);
  reader.object();
  return {
    code: reader.field('code').optionalInteger(),
    message: reader.field('message').optionalString(),
    data: reader.field('data').optionalArray().map(readItem),
    total: reader.field('total').optionalInteger(),
  };
}

function readPoItems(reader: ResponseReader): PilotPoItem[] {
  return reader.optionalArray().map((item) => readFields<PilotPoItem>(item, allOf('string', PILOT_PO_ITEM_FIELDS)));
}

export function readPurchase(reader: ResponseReader): PilotPurchase {
  return {
    ...readFields<Omit<PilotPurchase, 'poItems' | 'qcQualifiedItems' | 'qcUnqualifiedItems'>>(
      reader,
      allOf('string', PILOT_PURCHASE_FIELDS),
    ),
    poItems: readPoItems(reader.field('poItems')),
    qcQualifiedItems: readPoItems(reader.field('qcQualifiedItems')),
    qcUnqualifiedItems: readPoItems(reader.field('qcUnqualifiedItems')),
  };
}

/** Reads the inventory envelope `{code, message, connectorResponses[], products[], purchases[]}`. */
export function readInventoryEnvelope(json: unknown): PilotInventoryResponse {
  const reader = ResponseReader.of(json);
  reader.object();
  return {
    code: reader.field('code').optionalInteger(),
    message: reader.field('message').optionalString(),
    connectorResponses: reader
      .field('connectorResponses')
      .optionalArray()
      .map((item) => ({
        ...readFields(item, {
          input: 'string',
          mappingName: 'string',
          httpRequestRawData: 'string',
          response: 'string',
          responseEn: 'string',
          platform: 'string',
        }),
        ...readFields(item, { code: 'integer', requestCount: 'integer', responseTime: 'integer', api: 'strings' }),
      })),
    products: reader
      .field('products')
      .optionalArray()
      .map((item) => readFields(item, INVENTORY_PRODUCT_FIELDS)),
    purchases: reader.field('purchases').optionalArray().map(readPurchase),
  };
}

function messageOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const record = json as Record<string, unknown>;
  const message = record.message ?? record.errormsg;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/**
 * Success is HTTP 2xx. `code` is the placeholder 42 in every example; it turns a 2xx into a
 * failure only when it is itself an HTTP error code (a gateway answering 200 with the error inside).
 */
export function requirePilotSuccess(operation: string, response: ProviderResponse): void {
  if (response.status < 200 || response.status >= 300)
    throw pilotFailure(operation, response.status, messageOf(response.json) ?? response.text);
  const code = ResponseReader.of(response.json).field('code').optionalInteger();
  if (code !== undefined && code >= 400) throw pilotFailure(operation, code, messageOf(response.json) ?? '');
}

export function pilotFailure(operation: string, status: number, said: string): ProviderError {
  const failure = pilotHttpFailure(status);
  const text = said.trim().slice(0, 200);
  return new ProviderError({
    provider: PILOT_PROVIDER,
    operation,
    kind: status === 429 ? 'rate_limited' : status === 400 ? 'provider' : 'http',
    code: failure.code,
    message: text === '' ? failure.meaning : `${failure.meaning}: ${text}`,
    retryable: status >= 500 || status === 429 || status === 408 ? true : failure.retryable,
    httpStatus: status,
  });
}
