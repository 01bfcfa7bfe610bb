import * as domain from './index';

describe('public surface', () => {
  it('exports the runtime values other libraries build on', () => {
    const names = Object.keys(domain).filter((name) => (domain as Record<string, unknown>)[name] !== undefined);
    expect(names).toEqual(
      expect.arrayContaining([
        'Money',
        'Instant',
        'Order',
        'OrderLine',
        'Product',
        'InventoryLevel',
        'Price',
        'Shipment',
        'Return',
        'DomainError',
        'IllegalTransition',
        'InvariantViolation',
        'CurrencyMismatch',
        'InsufficientStock',
        'ORDER_TRANSITIONS',
        'isForwardMove',
        'maskParty',
        'parseProviderLocalTime',
        'formatInZone',
        'serializeEvent',
        'deserializeEvent',
      ]),
    );
  });

  it('is usable end to end through the index alone', () => {
    const at = domain.parseProviderLocalTime('2020-03-26 21:33:33', domain.CHINA_STANDARD_TIME);
    expect(domain.formatInZone(at, '+08:00')).toBe('2020-03-26 21:33:33');
    expect(domain.Money.of('0.1', 'CNY').add(domain.Money.of('0.2', 'CNY')).toString()).toBe('0.30');
  });
});
