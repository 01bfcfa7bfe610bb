import type { HttpService } from '@nestjs/axios';
import { Instant } from '@serai/domain';
import type { CallTraceSink, ConnectionConfig, ConnectorFactory, ProviderConnector } from '@serai/engine/ports';
import { ProviderHttpClient } from '../kernel/provider-http-client';
import { NengmaoConnector } from './nengmao.capabilities';
import { NengmaoClient } from './nengmao.client';
import { NengmaoProfile, NengmaoProviderKind } from './nengmao.profiles';
import { readNengmaoSettings, NengmaoSettings } from './nengmao.settings';

/**
 * Builds Nengmao connectors for one provider kind; one factory per profile (brand, TMALL Global),
 * the same code for both.
 */
export class NengmaoConnectorFactory implements ConnectorFactory {
  constructor(
    private readonly http: HttpService,
    readonly profile: NengmaoProfile,
    private readonly nowMs: () => number = Date.now,
  ) {}

  get provider(): NengmaoProviderKind {
    return this.profile.provider;
  }

  create(connection: ConnectionConfig, trace: CallTraceSink): ProviderConnector {
    const settings = this.settingsOf(connection);
    return new NengmaoConnector({ client: this.clientFor(settings, trace), settings, now: () => Instant.fromEpochMillis(this.nowMs()) });
  }

  /** The bare client, for tools and tests that call operations the ports do not name (stocks/list, order/create ...). */
  createClient(connection: ConnectionConfig, trace: CallTraceSink): NengmaoClient {
    return this.clientFor(this.settingsOf(connection), trace);
  }

  private clientFor(settings: NengmaoSettings, trace: CallTraceSink): NengmaoClient {
    const http = new ProviderHttpClient(
      this.http,
      {
        provider: this.profile.provider,
        connectionName: settings.connectionName,
        baseUrl: settings.baseUrl,
        timeoutMs: settings.timeoutMs,
        retry: settings.retry,
        secretValues: [settings.credentials.appSecret],
      },
      trace,
    );
    return new NengmaoClient(http, settings, this.nowMs);
  }

  private settingsOf(connection: ConnectionConfig): NengmaoSettings {
    if (connection.provider !== this.profile.provider) {
      throw new Error(`The ${this.profile.provider} factory cannot build connection "${connection.name}" of ${connection.provider}`);
    }
    return readNengmaoSettings(connection, this.profile);
  }
}
