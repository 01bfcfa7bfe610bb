import { Inject, Injectable } from '@nestjs/common';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { PilotApiError } from './pilot-api.error';
import { pilotList } from './pilot-envelope';
import { logisticsOfCarrier, warehouseCodeOf } from './pilot-codes';
import { readParameter } from './pilot-query';
import type { PilotCarrierRecord, PilotListResponse } from './pilot.wire';

/** Carriers of `settings.pilotCarriers`; every other Pilot path checks its `{carrier}` here. */
@Injectable()
export class PilotCarriersService {
  constructor(@Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings) {}

  requireCarrier(carrier: string): void {
    if (!this.settings.pilotCarriers.includes(carrier)) throw PilotApiError.invalidInput(`unknown carrier '${carrier}'`);
  }

  /**
   * "Query all carrier name or specific carrier": the specific-carrier parameter lost its name
   * (catalogue §3.2); `carrier` (or `carrier_name`) is accepted. An unknown carrier gives an empty list.
   */
  queryCarriers(query: Record<string, unknown>): PilotListResponse<PilotCarrierRecord> {
    const wanted = readParameter(query, 'carrier', 'carrier_name', 'carrierName');
    const records = this.settings.pilotCarriers
      .filter((carrier) => wanted === undefined || carrier === wanted)
      .map((carrier) => {
        const logistics = logisticsOfCarrier(carrier);
        return {
          carrier,
          logisticsCode: logistics.logisticsCode,
          logisticsName: logistics.logisticsName,
          warehouseCode: warehouseCodeOf(carrier),
        };
      });
    return pilotList(200, 'Success', records, records.length);
  }
}
