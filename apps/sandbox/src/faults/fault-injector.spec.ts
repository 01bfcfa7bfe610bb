import { ProviderErrorRegistry } from '../core/provider-errors';
import { SandboxClock } from '../core/sandbox-clock';
import { WMS_ERROR_SHAPE } from '../wms/wms-error-shape';
import { FaultInjector } from './fault-injector';

function injector(): FaultInjector {
  const registry = new ProviderErrorRegistry();
  registry.register('wms', WMS_ERROR_SHAPE);
  return new FaultInjector(registry, new SandboxClock());
}

function draws(seed: number): string[] {
  const faults = injector();
  faults.replace({
    seed,
    rules: [
      { provider: 'wms', kind: 'server-error', rate: 0.5 },
      { provider: 'wms', kind: 'latency', minMs: 0, maxMs: 1000 },
    ],
  });
  return Array.from({ length: 40 }, () => {
    const decision = faults.decide('POST', '/wms/api/v1/sku');
    return `${decision?.action}:${decision?.delayMs}`;
  });
}

describe('FaultInjector', () => {
  it('draws the same faults and latencies for the same seed', () => {
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });

  it('faults roughly the configured share of requests', () => {
    const failed = draws(11).filter((entry) => entry.startsWith('respond')).length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(30);
  });

  it('decides nothing for /_sandbox paths or paths of no provider', () => {
    const faults = injector();
    faults.replace({ provider: 'wms', kind: 'server-error' });
    expect(faults.decide('GET', '/_sandbox/wms/counts')).toBeUndefined();
    expect(faults.decide('GET', '/nowhere')).toBeUndefined();
    expect(faults.decide('POST', '/wms/api/v1/sku')).toMatchObject({ action: 'respond', status: 500 });
  });

  it('gives rules without an id a generated one', () => {
    const faults = injector();
    const views = faults.add([{ provider: 'wms', kind: 'hang', holdMs: 5 }]);
    expect(views[0].rule.id).toBe('fault-1');
  });
});
