import type { Page } from '../../kernel/paginate';
import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import { PILOT_MAX_BODY_PAGE_SIZE, PILOT_MAX_ITEM_KEYS, PilotFreightOperation } from '../codes';
import { readListEnvelope, requirePilotSuccess } from '../nomad-pilot.errors';
import type { PilotFreightForwardBody } from '../wire/freight-forward';
import type { PilotFreightForwardProduct } from '../wire/freight-forward-product';
import type { PilotPackage } from '../wire/query-freight-forward';
import { readFreightForwardProduct } from './update-freight-forward-product';
import { readPilotPackage } from './query-freight-forward';

export const FREIGHT_FORWARD = 'freight-forward';

/** One call: at most 100 keys and a page of at most 100 records (the client batches and pages above that). */
export function buildFreightForwardBody(
  operation: PilotFreightOperation,
  itemKeys: readonly string[],
  pageNo: number,
  pageSize: number,
): PilotFreightForwardBody {
  if (itemKeys.length > PILOT_MAX_ITEM_KEYS) throw new RangeError(`itemKeys: not more than ${PILOT_MAX_ITEM_KEYS} elements`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > PILOT_MAX_BODY_PAGE_SIZE)
    throw new RangeError(`pageSize must be 1 to ${PILOT_MAX_BODY_PAGE_SIZE}`);
  return { operation, itemKeys, pageNo, pageSize };
}

/** A query that changes nothing, so it is idempotent although it is a POST. */
export function freightForwardRequest(carrier: string, body: PilotFreightForwardBody): Omit<ProviderRequest, 'headers'> {
  return {
    operation: `${FREIGHT_FORWARD}:${body.operation}`,
    method: 'POST',
    path: `/freight-forward/${encodeURIComponent(carrier)}`,
    body,
    contentType: 'application/json',
    idempotent: true,
  };
}

export function parseWaybillPage(pageNo: number) {
  return (response: ProviderResponse): Page<PilotPackage> => {
    requirePilotSuccess(`${FREIGHT_FORWARD}:QUERY_WAYBILL`, response);
    const envelope = readListEnvelope(response.json, readPilotPackage);
    return { items: envelope.data, pageNo, total: envelope.total };
  };
}

export function parseProductPage(pageNo: number) {
  return (response: ProviderResponse): Page<PilotFreightForwardProduct> => {
    requirePilotSuccess(`${FREIGHT_FORWARD}:QUERY_PRODUCT`, response);
    const envelope = readListEnvelope(response.json, readFreightForwardProduct);
    return { items: envelope.data, pageNo, total: envelope.total };
  };
}
