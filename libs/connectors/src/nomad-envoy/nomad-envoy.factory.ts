import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import type { CallTraceSink, ConnectionConfig, ConnectorFactory } from '@serai/engine/ports';
import { ProviderHttpClient } from '../kernel/provider-http-client';
import { ENVOY_PROVIDER } from './codes';
import { NomadEnvoyConnector } from './nomad-envoy.capabilities';
import { NomadEnvoyClient, SignatureSource } from './nomad-envoy.client';
import { readNomadEnvoySettings } from './nomad-envoy.settings';

/** Builds an Envoy connector for one connection: settings validated, every call traced. */
@Injectable()
export class NomadEnvoyConnectorFactory implements ConnectorFactory {
  readonly provider = ENVOY_PROVIDER;

  constructor(private readonly http: HttpService) {}

  create(connection: ConnectionConfig, trace: CallTraceSink, signature: SignatureSource = {}): NomadEnvoyConnector {
    const settings = readNomadEnvoySettings(connection);
    const http = new ProviderHttpClient(
      this.http,
      {
        provider: ENVOY_PROVIDER,
        connectionName: settings.connectionName,
        baseUrl: settings.baseUrl,
        timeoutMs: settings.timeoutMs,
        retry: settings.retry,
        secretValues: [settings.caKey, ...(settings.appSecret === undefined ? [] : [settings.appSecret])],
      },
      trace,
    );
    return new NomadEnvoyConnector(new NomadEnvoyClient(http, settings, signature), settings);
  }
}
