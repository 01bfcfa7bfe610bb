/** Everything the sandbox can be told, from environment variables and command-line flags. */
export interface SandboxSettings {
  readonly port: number;
  /** Seed of the data generator: the same seed, the same data. */
  readonly seed: number;
  /** Orders created at start-up, awaiting retrieval at the marketplace. */
  readonly initialOrders: number;
  /** SKUs in the shared catalogue (known to every provider). */
  readonly skus: number;
  /** New marketplace orders per minute while running (0: none). */
  readonly orderRatePerMinute: number;
  /** Whether the clock moves packages along by itself (the demo); tests turn it off and advance it. */
  readonly autoAdvance: boolean;
  /** How long a package stays in each Pilot state before the next one. */
  readonly packageStepMs: number;
  readonly nengmaoAccounts: readonly { readonly appKey: string; readonly appSecret: string }[];
  readonly caKeys: readonly string[];
  readonly envoyStores: readonly string[];
  readonly pilotCarriers: readonly string[];
  /** Logistics providers whose delivery-order callbacks the 3PL sends (the document's `haiku`). */
  readonly logisticsProviders: readonly string[];
  /** Where the 3PL POSTs delivery-order callbacks (`{store}` is replaced); none: no callbacks. */
  readonly callbackUrl?: string;
  readonly callbackFormat: 'xml' | 'json';
  readonly callbackKey: string;
  readonly wmsVersions: readonly string[];
  readonly wmsAppKeys: readonly { readonly appKey: string; readonly appSecret: string }[];
}

export const SANDBOX_SETTINGS = Symbol('SANDBOX_SETTINGS');

export const DEFAULT_SANDBOX_SETTINGS: SandboxSettings = {
  port: 4100,
  seed: 7,
  initialOrders: 300,
  skus: 50,
  orderRatePerMinute: 6,
  autoAdvance: true,
  packageStepMs: 15_000,
  nengmaoAccounts: [{ appKey: 'demo-app-key', appSecret: 'demo-app-secret' }],
  caKeys: ['demo-ca-key'],
  envoyStores: ['samarkand.youzan.test'],
  pilotCarriers: ['samarkand.sfexpress.test'],
  logisticsProviders: ['haiku'],
  callbackUrl: undefined,
  callbackFormat: 'xml',
  callbackKey: 'demo-ca-key',
  wmsVersions: ['v1'],
  wmsAppKeys: [{ appKey: 'demo-app-key', appSecret: 'demo-app-secret' }],
};

/** Settings for tests: no background order creation, no automatic time, small data. */
export function testSandboxSettings(overrides: Partial<SandboxSettings> = {}): SandboxSettings {
  return { ...DEFAULT_SANDBOX_SETTINGS, initialOrders: 0, skus: 20, orderRatePerMinute: 0, autoAdvance: false, ...overrides };
}
