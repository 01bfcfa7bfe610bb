import { HttpModule, HttpService } from '@nestjs/axios';
import { Global, Module } from '@nestjs/common';
import {
  NENGMAO_BRAND_PROFILE,
  NENGMAO_TMALL_GLOBAL_PROFILE,
  NengmaoConnectorFactory,
  NomadEnvoyConnectorFactory,
  NomadPilotConnectorFactory,
  WmsConnectorFactory,
} from '@serai/connectors';
import { CONNECTOR_FACTORIES, ConnectorFactory } from '@serai/engine/ports';

/** The app is where connectors meet the engine: every provider's factory, under the engine's token. */
@Global()
@Module({
  imports: [HttpModule],
  providers: [
    {
      provide: CONNECTOR_FACTORIES,
      useFactory: (http: HttpService): ConnectorFactory[] => [
        new NengmaoConnectorFactory(http, NENGMAO_BRAND_PROFILE),
        new NengmaoConnectorFactory(http, NENGMAO_TMALL_GLOBAL_PROFILE),
        new NomadEnvoyConnectorFactory(http),
        new NomadPilotConnectorFactory(http),
        new WmsConnectorFactory(http),
      ],
      inject: [HttpService],
    },
  ],
  exports: [CONNECTOR_FACTORIES],
})
export class ConnectorsModule {}
