import type { NengmaoBatchResult } from './envelope';

/** Brand doc §7.2, TMG doc §6.3 `POST .../api/status/confirmation`: orders / returns retrieved (Y -> N). */
export interface NengmaoStatusConfirmationRequest {
  readonly orderSnList?: readonly string[];
  readonly returnSnList?: readonly string[];
}

export interface NengmaoStatusConfirmationResult {
  readonly orderResult: NengmaoBatchResult;
  readonly returnResult: NengmaoBatchResult;
}
