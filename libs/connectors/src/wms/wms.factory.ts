import { HttpService } from '@nestjs/axios';
import { Injectable } from '@nestjs/common';
import type { CallTraceSink, ConnectionConfig, ConnectorFactory } from '@serai/engine/ports';
import { ProviderHttpClient } from '../kernel/provider-http-client';
import { WMS_PROVIDER } from './codes';
import { WmsConnector } from './wms.capabilities';
import { WmsClient } from './wms.client';
import { readWmsSettings, WmsSettings } from './wms.settings';
import { SignedJsonTransport, WmsTransport } from './wms.transport';

/** Builds a WMS connector for one connection; the transport defaults to ADR 0005's and can be replaced. */
@Injectable()
export class WmsConnectorFactory implements ConnectorFactory {
  readonly provider = WMS_PROVIDER;

  constructor(private readonly http: HttpService) {}

  create(
    connection: ConnectionConfig,
    trace: CallTraceSink,
    transport?: (settings: WmsSettings) => WmsTransport,
    now: () => number = Date.now,
  ): WmsConnector {
    const settings = readWmsSettings(connection);
    const http = new ProviderHttpClient(
      this.http,
      {
        provider: WMS_PROVIDER,
        connectionName: settings.connectionName,
        baseUrl: settings.baseUrl,
        timeoutMs: settings.timeoutMs,
        retry: settings.retry,
        secretValues: [settings.appSecret],
      },
      trace,
    );
    const chosen =
      transport?.(settings) ??
      new SignedJsonTransport(
        { version: settings.version, appKey: settings.appKey, appSecret: settings.appSecret, placement: settings.serviceTypePlacement },
        now,
      );
    return new WmsConnector(new WmsClient(http, chosen, settings), settings);
  }
}
