/**
 * What one sales channel (a marketplace connection) is shown of a SKU's stock, from the
 * connection's options: `safetyStock` units held back, then optionally only `stockSharePercent`
 * of the rest (rounded down) and never more than `stockMaximum`. One pure function, used by the
 * pushes and by the inventory API, so what the API says a channel receives is what it receives.
 */
export interface ChannelStockPolicy {
  readonly safetyStock: number;
  /** 1-100; 100 shows everything above the safety stock. */
  readonly sharePercent: number;
  readonly maximum?: number;
}

export class InvalidStockOptions extends Error {
  constructor(
    readonly connectionName: string,
    readonly problems: readonly string[],
  ) {
    super(`Connection ${connectionName} has invalid stock options: ${problems.join('; ')}`);
    this.name = 'InvalidStockOptions';
  }
}

const MAX_STOCK = 1_000_000_000;

export function readChannelStockPolicy(connectionName: string, options: Readonly<Record<string, unknown>>): ChannelStockPolicy {
  const problems: string[] = [];
  const integer = (name: string, min: number, max: number): number | undefined => {
    const value = options[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`options.${name} must be a whole number from ${min} to ${max}`);
    return undefined;
  };
  const safetyStock = integer('safetyStock', 0, MAX_STOCK) ?? 0;
  const sharePercent = integer('stockSharePercent', 1, 100) ?? 100;
  const maximum = integer('stockMaximum', 0, MAX_STOCK);
  if (problems.length > 0) throw new InvalidStockOptions(connectionName, problems);
  return maximum === undefined ? { safetyStock, sharePercent } : { safetyStock, sharePercent, maximum };
}

/**
 * Units on hand − reserved − in flight − backordered, as the channel may sell them; never below
 * zero, whole units only. Oversold units (ADR 0022) are owed: stock that arrives covers them first.
 */
export function channelQuantity(
  counts: { readonly onHand: number; readonly reserved: number; readonly inFlight: number; readonly backordered?: number },
  policy: ChannelStockPolicy,
): number {
  return channelQuantityOfAvailable(counts.onHand - counts.reserved - counts.inFlight - (counts.backordered ?? 0), policy);
}

export function channelQuantityOfAvailable(available: number, policy: ChannelStockPolicy): number {
  const aboveSafety = Math.max(0, available - policy.safetyStock);
  // Integer arithmetic: a share is rounded down, so a channel is never promised a unit it may not have.
  const shared = policy.sharePercent >= 100 ? aboveSafety : Math.floor((aboveSafety * policy.sharePercent) / 100);
  return policy.maximum === undefined ? shared : Math.min(shared, policy.maximum);
}
