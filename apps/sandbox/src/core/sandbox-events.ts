import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * What one simulated provider tells another, as a real back office would: an order created in
 * the order system (Envoy) reaches the warehouse (Pilot); a package shipped at the 3PL lowers its
 * stock. Typed so producer and consumer agree.
 */
export interface SandboxEventMap {
  'envoy.order.created': {
    readonly store: string;
    readonly orderId: string;
    readonly clientOrderRef: string;
    readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
    readonly consignee: {
      readonly name: string;
      readonly mobile: string;
      readonly province: string;
      readonly city: string;
      readonly address: string;
    };
  };
  'pilot.package.shipped': {
    readonly carrier: string;
    readonly deliveryOrderCode: string;
    readonly trackingNumber: string;
    readonly logisticsCode: string;
    readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  };
}

@Injectable()
export class SandboxEvents {
  private readonly emitter = new EventEmitter();

  emit<K extends keyof SandboxEventMap>(name: K, payload: SandboxEventMap[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof SandboxEventMap>(name: K, listener: (payload: SandboxEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
