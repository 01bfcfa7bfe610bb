import type { SourcedOrder } from '../ports/capabilities';
import { withMappedStatus } from './source-status';

const sourced = (statusKey: string | undefined, flags: { cancelled: boolean; cancellationRequested: boolean }): SourcedOrder =>
  ({ sourceStatus: 'x', ...(statusKey === undefined ? {} : { statusKey }), ...flags, raw: {}, order: {} }) as unknown as SourcedOrder;

const table = (entries: Record<string, string>) => ({
  orderStatusOfKey: (key: string): Promise<{ canonical: string } | undefined> =>
    Promise.resolve(entries[key] === undefined ? undefined : { canonical: entries[key] ?? '' }),
});

describe('withMappedStatus', () => {
  it('takes the meaning of a status from the table, over the connector flags', async () => {
    const read = await withMappedStatus(
      table({ 'nomad-envoy:TRADE_REFUND': 'cancelled' }),
      sourced('nomad-envoy:TRADE_REFUND', { cancelled: false, cancellationRequested: true }),
    );
    expect(read).toMatchObject({ canonicalStatus: 'cancelled', cancelled: true, cancellationRequested: false });
  });

  it('reads a status mapped to an open state as neither cancelled nor asking to be', async () => {
    const read = await withMappedStatus(
      table({ 'nengmao:4': 'received' }),
      sourced('nengmao:4', { cancelled: false, cancellationRequested: true }),
    );
    expect(read).toMatchObject({ canonicalStatus: 'received', cancelled: false, cancellationRequested: false });
  });

  it("keeps the connector's reading for a status the table does not hold, or an order without a key", async () => {
    const flags = { cancelled: false, cancellationRequested: true };
    const unmapped = await withMappedStatus(table({}), sourced('nengmao:4', flags));
    expect(unmapped).toMatchObject(flags);
    expect(unmapped).not.toHaveProperty('canonicalStatus');
    expect(await withMappedStatus(table({ 'nengmao:4': 'cancelled' }), sourced(undefined, flags))).toMatchObject(flags);
    expect(await withMappedStatus(undefined, sourced('nengmao:4', flags))).toMatchObject(flags);
  });
});
