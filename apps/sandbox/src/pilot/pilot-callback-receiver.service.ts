import { Inject, Injectable } from '@nestjs/common';
import { SandboxClock } from '../core/sandbox-clock';
import { SANDBOX_SETTINGS, SandboxSettings } from '../core/sandbox-settings';
import { PilotApiError } from './pilot-api.error';
import { readDeliveryOrder } from './pilot-delivery-order.message';
import { pilotCallbackReply } from './pilot-envelope';
import type { PilotCallbackReply, PilotDeliveryOrder } from './pilot.wire';

export interface ReceivedCallback {
  readonly provider: string;
  readonly receivedAt: string;
  readonly deliveryOrder: Partial<PilotDeliveryOrder>;
  /** Times this `outBizCode` arrived (a resent message is acknowledged again, recorded once). */
  deliveries: number;
}

/**
 * Pilot's own `POST /callback/{store}`: where a logistics provider ("available provider haiku")
 * reports a delivery order to Nomad Pilot. The simulator records what it receives for inspection.
 */
@Injectable()
export class PilotCallbackReceiver {
  private readonly received: ReceivedCallback[] = [];

  constructor(
    private readonly clock: SandboxClock,
    @Inject(SANDBOX_SETTINGS) private readonly settings: SandboxSettings,
  ) {}

  receive(provider: string, body: unknown): PilotCallbackReply {
    if (!this.settings.logisticsProviders.includes(provider)) throw PilotApiError.invalidInput(`unknown logistics provider '${provider}'`);
    const deliveryOrder = readDeliveryOrder(body);
    if (deliveryOrder === undefined) throw PilotApiError.invalidInput('the body must hold a deliveryOrder, as JSON or XML');
    if (deliveryOrder.deliveryOrderCode === undefined || deliveryOrder.deliveryOrderCode === '')
      throw PilotApiError.invalidInput('deliveryOrder.deliveryOrderCode is required');
    const key = deliveryOrder.outBizCode;
    const known =
      key === undefined || key === ''
        ? undefined
        : this.received.find((r) => r.provider === provider && r.deliveryOrder.outBizCode === key);
    if (known) known.deliveries += 1;
    else this.received.push({ provider, receivedAt: this.clock.now().toISOString(), deliveryOrder, deliveries: 1 });
    return pilotCallbackReply(true);
  }

  all(): readonly ReceivedCallback[] {
    return this.received;
  }
}
