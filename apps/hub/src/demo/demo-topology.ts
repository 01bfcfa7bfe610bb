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
        options: { carrier: 'samarkand.sfexpress.test' },
        credentials: nomad,
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
          name: 'cancellations-answered-at-nengmao',
          eventTypes: ['OrderCancellationRequested'],
          connectionId: id('nengmao-demo'),
          capability: 'cancellationSink.answerCancellation',
          sourceConnection: 'nengmao-demo',
        },
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
  }
}
