import { NENGMAO_MESSAGES, NengmaoCode } from './nengmao-codes';

/** The envelope of every Nengmao answer (brand doc §6-8 examples): the result code travels in the body. */
export interface NengmaoEnvelope {
  readonly errorCode: number;
  readonly msg: string;
  readonly data: unknown;
  readonly total?: number;
}

/**
 * A refusal in the provider's terms. `detail` is appended to the documented message so that a failing test or
 * connector log says which parameter was wrong; `data` carries partial results (421/423) or failure lists.
 */
export class NengmaoApiError extends Error {
  constructor(
    readonly code: NengmaoCode,
    readonly detail?: string,
    readonly data: unknown = null,
  ) {
    super(detail ? `${NENGMAO_MESSAGES[code]}: ${detail}` : NENGMAO_MESSAGES[code]);
    this.name = 'NengmaoApiError';
  }
}

export function nengmaoSuccess(data: unknown, total?: number): NengmaoEnvelope {
  return total === undefined
    ? { errorCode: 200, msg: NENGMAO_MESSAGES[200], data }
    : { errorCode: 200, msg: NENGMAO_MESSAGES[200], data, total };
}

/**
 * Errors keep the four documented keys (`total` 0, `data` null unless a partial result is reported). The HTTP
 * status is 200 for every result code: both documents put the code in the body and never mention HTTP statuses,
 * which is how such OMS gateways answer (a client must read `errorCode`, not the HTTP status).
 */
export function nengmaoError(error: NengmaoApiError): NengmaoEnvelope {
  return { errorCode: error.code, msg: error.message, data: error.data, total: 0 };
}

export const NENGMAO_HTTP_STATUS = 200;
