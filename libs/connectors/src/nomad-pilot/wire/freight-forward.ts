import type { PilotFreightOperation } from '../codes';

/** `POST /freight-forward/{carrier}` body: camelCase here, snake_case in query strings (catalogue §7.8). */
export interface PilotFreightForwardBody {
  /** Default QUERY_WAYBILL; QUERY is deprecated. */
  readonly operation: PilotFreightOperation;
  /** Tracking references (QUERY_WAYBILL) or SKUs (QUERY_PRODUCT); "Not more than 100 elements". */
  readonly itemKeys: readonly string[];
  /** "Minimum value is 1." */
  readonly pageNo?: number;
  /** "Minimum value is 1, maximum value is 100." */
  readonly pageSize?: number;
}
