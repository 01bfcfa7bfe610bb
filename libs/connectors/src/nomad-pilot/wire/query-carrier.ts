/**
 * `GET /carriers/` — "Query all carrier name or specific carrier". The specific-carrier parameter
 * lost its name (catalogue §3.2); `carrier` is sent, which the sandbox accepts. `data[]` is
 * undocumented: a carrier may come as a bare name or as a record.
 */
export interface PilotQueryCarrierQuery {
  readonly carrier?: string;
}

export interface PilotCarrier {
  /** Carrier name to ship, e.g. `samarkand.sfexpress.test`. */
  readonly carrier: string;
  readonly logisticsCode?: string;
  readonly logisticsName?: string;
  readonly warehouseCode?: string;
}
