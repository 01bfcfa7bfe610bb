import { DomainError } from './domain-error';

/** A stock movement would leave a counter below zero. */
export class InsufficientStock extends DomainError {
  readonly code = 'INSUFFICIENT_STOCK';

  constructor(
    readonly sku: string,
    readonly locationId: string,
    readonly requested: number,
    readonly available: number,
  ) {
    super(`sku ${sku} at ${locationId}: requested ${requested}, only ${available} available`);
  }
}
