import { CurrencyMismatch } from './currency-mismatch.error';
import { DomainError } from './domain-error';
import { IllegalTransition } from './illegal-transition.error';
import { InsufficientStock } from './insufficient-stock.error';
import { InvariantViolation } from './invariant-violation.error';

describe('domain errors', () => {
  it.each([
    [new IllegalTransition('Order', 'cancelled', 'shipped'), 'ILLEGAL_TRANSITION', 'IllegalTransition'],
    [new InvariantViolation('lines[0].quantity', 'must be positive'), 'INVARIANT_VIOLATION', 'InvariantViolation'],
    [new CurrencyMismatch('CNY', 'USD', 'add'), 'CURRENCY_MISMATCH', 'CurrencyMismatch'],
    [new InsufficientStock('SKU-1', 'WH1', 5, 2), 'INSUFFICIENT_STOCK', 'InsufficientStock'],
  ])('gives %p the stable code %s and its class name', (error, code, name) => {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.name).toBe(name);
  });

  it('says which edge an illegal transition tried to take', () => {
    const error = new IllegalTransition('Order', 'cancelled', 'shipped', 'order 42');
    expect([error.entity, error.from, error.to]).toEqual(['Order', 'cancelled', 'shipped']);
    expect(error.message).toBe('Order cannot move from cancelled to shipped: order 42');
  });

  it('names the field an invariant violation concerns', () => {
    const error = new InvariantViolation('skus[1].customs.hsCode', 'must be 6 to 10 digits');
    expect(error.field).toBe('skus[1].customs.hsCode');
    expect(error.reason).toBe('must be 6 to 10 digits');
    expect(error.message).toBe('skus[1].customs.hsCode: must be 6 to 10 digits');
  });

  it('carries both currencies of a mismatch, and where it happened when known', () => {
    const error = new CurrencyMismatch('CNY', 'USD', 'Money.add');
    expect([error.expected, error.actual, error.operation]).toEqual(['CNY', 'USD', 'Money.add']);
    expect(error.message).toBe('Money.add: expected CNY but got USD');
    expect(new CurrencyMismatch('CNY', 'USD').message).toBe('currency mismatch: expected CNY but got USD');
  });

  it('carries the requested and available quantities of a stock shortfall', () => {
    const error = new InsufficientStock('SKU-1', 'WH1', 5, 2);
    expect([error.sku, error.locationId, error.requested, error.available]).toEqual(['SKU-1', 'WH1', 5, 2]);
  });
});
