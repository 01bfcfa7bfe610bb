import { CredentialCipher } from '@serai/common';
import type { ConnectionRepository, NewConnection, RouteDefinition, RouteRepository, TransactionRunner } from '@serai/persistence';
import type { Logger } from 'pino';

/**
 * The demo topology: with the sandbox running beside the hub and no configuration, the hub
 * connects to every simulated provider (the stores and carriers of the documents' examples) and
 * routes orders end to end, so a newcomer sees orders flow with no setup. Idempotent: what exists
 * is left as it is, so an operator's changes survive restarts.
 */
export class DemoTopology {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly connections: ConnectionRepository,
    private readonly routes: RouteRepository,
    private readonly cipher: CredentialCipher,
    private readonly logger: Logger,
    /** Fills the SKU cross-reference from the sandbox's catalogue (demo-sku-xref.ts). */
    private readonly skuXref?: (sandboxUrl: string) => Promise<void>,
  ) {}

  async ensure(sandboxUrl: string): Promise<void> {
    const nengmao = { appKey: 'demo-app-key', appSecret: 'demo-app-secret' };
    const nomad = { caKey: 'demo-ca-key' };
    const wanted: (Omit<NewConnection, 'encryptedCredentials'> & { credentials: Record<string, string> })[] = [
      { name: 'nengmao-demo', provider: 'nengmao-brand', baseUrl: `${sandboxUrl}/nengmao`, credentials: nengmao },
      // The TMALL Global document's paths already start with /tmg: its base URL is the host.
      { name: 'tmg-demo', provider: 'nengmao-tmall-global', baseUrl: sandboxUrl, credentials: nengmao },
      {
        name: 'envoy-demo',
        provider: 'nomad-envoy',
        baseUrl: `${sandboxUrl}/envoy`,
        options: { store: 'samarkand.youzan.test', stage: 'TEST' },
        credentials: nomad,
      },
      {
        name: 'pilot-demo',
        provider: 'nomad-pilot',
        baseUrl: `${sandboxUrl}/pilot`,
        options: { carrier: 'samarkand.sfexpress.test', callbackStores: ['haiku', 'samarkand.sfexpress.test'] },
        // The sandbox 3PL posts delivery-order callbacks to /callback/{store} with this key (ADR 0012).
        credentials: { ...nomad, callbackKey: 'demo-ca-key' },
      },
      { name: 'wms-demo', provider: 'wms', baseUrl: `${sandboxUrl}/wms`, options: { version: 'v1' }, credentials: nengmao },
    ];
    const created: string[] = [];
    const ids = new Map<string, string>();
    await this.tx.run(async (m) => {
      for (const { credentials, ...connection } of wanted) {
        const existing = await this.connections.findByName(m, connection.name);
        if (existing) {
          ids.set(connection.name, existing.id);
          continue;
        }
        const row = await this.connections.create(m, { ...connection, encryptedCredentials: this.cipher.encrypt(credentials) });
        ids.set(connection.name, row.id);
        created.push(connection.name);
      }
      if ((await this.routes.list(m)).length > 0) return;
      const id = (name: string): string => ids.get(name) ?? '';
      const routes: RouteDefinition[] = [
        {
          name: 'marketplace-orders-to-envoy',
          eventTypes: ['OrderAcknowledged'],
          connectionId: id('envoy-demo'),
          capability: 'orderSink.createOrder',
          sourceConnection: 'nengmao-demo',
        },
        {
          name: 'tmg-orders-to-envoy',
          eventTypes: ['OrderAcknowledged'],
          connectionId: id('envoy-demo'),
          capability: 'orderSink.createOrder',
          sourceConnection: 'tmg-demo',
        },
        {
          name: 'shipments-to-nengmao',
          eventTypes: ['OrderShipped', 'OrderPartiallyShipped'],
          connectionId: id('nengmao-demo'),
          capability: 'shipmentSink.confirmShipment',
          sourceConnection: 'nengmao-demo',
        },
        {
          // Flow 5: stock the 3PL reports (and adjustments) reaches Nengmao, coalesced per SKU.
          name: 'stock-to-nengmao',
          eventTypes: ['InventoryChanged'],
          connectionId: id('nengmao-demo'),
          capability: 'inventorySink.pushStock',
          sourceConnection: null,
        },
        {
          name: 'cancellations-answered-at-nengmao',
          eventTypes: ['OrderCancellationRequested'],
          connectionId: id('nengmao-demo'),
          capability: 'cancellationSink.answerCancellation',
          sourceConnection: 'nengmao-demo',
        },
        // Catalogue and prices (flow 6): a product published once reaches every system.
        {
          name: 'products-to-nengmao',
          eventTypes: ['ProductPublished'],
          connectionId: id('nengmao-demo'),
          capability: 'catalogSink.publishProduct',
        },
        {
          name: 'products-to-wms',
          eventTypes: ['ProductPublished'],
          connectionId: id('wms-demo'),
          capability: 'catalogSink.publishProduct',
        },
        {
          name: 'products-to-pilot',
          eventTypes: ['ProductPublished'],
          connectionId: id('pilot-demo'),
          capability: 'catalogSink.publishProduct',
        },
        {
          name: 'sku-switches-to-wms',
          eventTypes: ['SkuEnabledChanged'],
          connectionId: id('wms-demo'),
          capability: 'catalogSink.setSkuEnabled',
        },
        { name: 'prices-to-nengmao', eventTypes: ['PriceChanged'], connectionId: id('nengmao-demo'), capability: 'priceSink.pushPrices' },
        // Issue 8: brand-side cancellations from the API, and held orders forwarded once released.
        ...(['nengmao-demo', 'tmg-demo'] as const).flatMap((source): RouteDefinition[] => [
          {
            name: `brand-cancellations-to-${source}`,
            eventTypes: ['OrderCancelled'],
            connectionId: id(source),
            capability: 'cancellationSink.cancelByBrand',
            sourceConnection: source,
          },
          {
            name: `released-${source}-orders-to-envoy`,
            eventTypes: ['OrderReleased'],
            connectionId: id('envoy-demo'),
            capability: 'orderSink.createOrder',
            sourceConnection: source,
          },
        ]),
      ];
      await this.routes.replaceAll(m, routes);
      created.push(...routes.map((r) => `route ${r.name}`));
    });
    if (created.length > 0) this.logger.info({ created, sandboxUrl }, 'demo topology: connected to the sandbox providers');
    if (this.skuXref) await this.skuXref(sandboxUrl);
  }
}
