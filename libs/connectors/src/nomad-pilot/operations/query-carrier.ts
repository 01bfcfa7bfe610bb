import type { ProviderRequest, ProviderResponse } from '../../kernel/provider-http-client';
import type { ResponseReader } from '../../kernel/response-reader';
import { readListEnvelope, requirePilotSuccess } from '../nomad-pilot.errors';
import type { PilotCarrier, PilotQueryCarrierQuery } from '../wire/query-carrier';
import { readFields } from '../wire/read-fields';

export const QUERY_CARRIER = 'query-carrier';

/** Note the trailing slash of `/carriers/`, as documented. */
export function queryCarrierRequest(query: PilotQueryCarrierQuery): Omit<ProviderRequest, 'headers'> {
  return { operation: QUERY_CARRIER, method: 'GET', path: '/carriers/', query: { ...query }, idempotent: true };
}

function readCarrier(item: ResponseReader): PilotCarrier {
  if (typeof item.raw() === 'string') return { carrier: item.string() };
  return {
    ...readFields<Omit<PilotCarrier, 'carrier'>>(item, { logisticsCode: 'string', logisticsName: 'string', warehouseCode: 'string' }),
    carrier: item.fieldOf('carrier', 'name', 'carrierName').string(),
  };
}

export function parseQueryCarrierResponse(response: ProviderResponse): readonly PilotCarrier[] {
  requirePilotSuccess(QUERY_CARRIER, response);
  return readListEnvelope(response.json, readCarrier).data;
}
