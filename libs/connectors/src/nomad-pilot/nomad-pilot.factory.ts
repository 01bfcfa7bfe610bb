import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import { Instant } from '@serai/domain';
import type { CallTraceSink, ConnectionConfig, ConnectorFactory } from '@serai/engine/ports';
import { ProviderHttpClient } from '../kernel/provider-http-client';
import { PILOT_PROVIDER } from './codes';
import { NomadPilotConnector } from './nomad-pilot.capabilities';
import { NomadPilotClient, SignatureSource } from './nomad-pilot.client';
import { readNomadPilotSettings } from './nomad-pilot.settings';

/** Builds a Pilot connector for one connection: settings validated, every call traced. */
@Injectable()
export class NomadPilotConnectorFactory implements ConnectorFactory {
  readonly provider = PILOT_PROVIDER;

  constructor(private readonly http: HttpService) {}

  create(
    connection: ConnectionConfig,
    trace: CallTraceSink,
    signature: SignatureSource = {},
    now: () => Instant = Instant.now,
  ): NomadPilotConnector {
    const settings = readNomadPilotSettings(connection);
    const http = new ProviderHttpClient(
      this.http,
      {
        provider: PILOT_PROVIDER,
        connectionName: settings.connectionName,
        baseUrl: settings.baseUrl,
        timeoutMs: settings.timeoutMs,
        retry: settings.retry,
        secretValues: [settings.caKey, ...(settings.appSecret === undefined ? [] : [settings.appSecret])],
      },
      trace,
    );
    return new NomadPilotConnector(new NomadPilotClient(http, settings, signature), settings, now);
  }
}
