import { PiiDigest } from '@serai/common';
import { Instant, Money } from '@serai/domain';
import {
  ConnectionRepository,
  OrderRepository,
  OutboxRepository,
  ReturnRepository,
  SyncCursorRepository,
  TransactionRunner,
} from '@serai/persistence';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-database';
import type { BatchOutcome } from '../ports/batch-outcome';
import type { ReturnSource, SourcedReturn } from '../ports/capabilities';
import { MarketplaceReturnIntake } from './marketplace-return-intake';

const NOW = Instant.parse('2026-11-25T02:00:00Z');

function sourced(returnNumber: string, quantity = 1): SourcedReturn {
  return {
    returnRequest: {
      returnNumber,
      lines: [{ sku: 'SKU-1', quantity, refund: Money.of('10.00', 'CNY') }],
      status: 'approved',
      requestedAt: NOW,
    },
    externalOrderNumber: `ORDER-OF-${returnNumber}`,
    sourceStatus: '1',
    raw: { returnSn: returnNumber },
  };
}

/**
 * A marketplace that lists returns until they are acknowledged, the way Nengmao's returnType=Y
 * list does (a provider fake, in process); it can refuse acknowledgements to simulate a crash
 * between our commit and its confirmation.
 */
class ListedReturns implements ReturnSource {
  readonly acknowledgements: string[] = [];
  refuseAcknowledgements = false;
  constructor(private listed: SourcedReturn[]) {}

  async *pullReturns(): AsyncIterable<readonly SourcedReturn[]> {
    if (this.listed.length > 0) yield [...this.listed];
  }

  async acknowledgeReturns(returnNumbers: readonly string[]): Promise<BatchOutcome<string>> {
    if (this.refuseAcknowledgements) throw new Error('connection reset');
    this.acknowledgements.push(...returnNumbers);
    this.listed = this.listed.filter((r) => !returnNumbers.includes(r.returnRequest.returnNumber));
    return { succeeded: [...returnNumbers], failed: [], calls: 1 };
  }
}

describe('marketplace return intake on PostgreSQL', () => {
  let db: TestDatabase;
  let tx: TransactionRunner;
  let connectionId: string;
  let intake: MarketplaceReturnIntake;
  const returns = new ReturnRepository(new OutboxRepository());

  beforeAll(async () => {
    db = await createTestDatabase();
    tx = new TransactionRunner(db.dataSource);
    connectionId = (
      await tx.run((m) =>
        new ConnectionRepository().create(m, {
          name: 'nengmao-demo',
          provider: 'nengmao-brand',
          baseUrl: 'http://x',
          encryptedCredentials: 'x',
        }),
      )
    ).id;
    const orders = new OrderRepository(new OutboxRepository(), new PiiDigest(Buffer.alloc(32, 1).toString('base64')));
    intake = new MarketplaceReturnIntake(
      db.dataSource.manager,
      tx,
      orders,
      returns,
      new SyncCursorRepository(),
      { owner: 'test', leaseMs: 60_000, lookbackMs: 86_400_000 },
      () => NOW,
    );
  });
  afterAll(() => db.drop());

  it('stores a return the model refuses nowhere and leaves it listed, while the others are stored and acknowledged', async () => {
    const marketplace = new ListedReturns([sourced('R-GOOD'), sourced('R-ZERO', 0)]);
    // Acknowledging shifts the list, so the run passes over it again: the refused one is read twice.
    expect(await intake.run(connectionId, 'nengmao-demo', marketplace)).toEqual({
      read: 3,
      stored: 1,
      duplicates: 0,
      orderUnknown: 1,
      refused: 2,
      acknowledged: 1,
      acknowledgeFailures: 0,
    });
    expect(marketplace.acknowledgements).toEqual(['R-GOOD']);
    expect(await db.count('return_request')).toBe(1);
  });

  it('acknowledges nothing before the commit, and a return stored but never acknowledged is acknowledged once on the next run', async () => {
    const marketplace = new ListedReturns([sourced('R-LATE')]);
    marketplace.refuseAcknowledgements = true;
    await expect(intake.run(connectionId, 'nengmao-demo', marketplace)).rejects.toThrow('connection reset');
    expect(await returns.findUnacknowledged(db.dataSource.manager, 'nengmao-demo', 10)).toEqual(['R-LATE']);

    marketplace.refuseAcknowledgements = false;
    const next = await intake.run(connectionId, 'nengmao-demo', marketplace);
    expect(next).toEqual(expect.objectContaining({ read: 1, stored: 0, duplicates: 1, acknowledged: 1 }));
    expect(marketplace.acknowledgements).toEqual(['R-LATE']);
    expect(await intake.run(connectionId, 'nengmao-demo', marketplace)).toEqual(expect.objectContaining({ read: 0, acknowledged: 0 }));
    expect(marketplace.acknowledgements).toEqual(['R-LATE']);
  });
});
