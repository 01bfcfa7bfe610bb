import { HttpModule, HttpService } from '@nestjs/axios';
import { Global, Module } from '@nestjs/common';
import {
  ENVOY_MAPPING_DEFAULTS,
  NENGMAO_MAPPING_DEFAULTS,
  NENGMAO_BRAND_PROFILE,
  NENGMAO_TMALL_GLOBAL_PROFILE,
  NengmaoConnectorFactory,
  NomadEnvoyConnectorFactory,
  NomadPilotConnectorFactory,
  WmsConnectorFactory,
} from '@serai/connectors';
import { CONNECTOR_FACTORIES, ConnectorFactory, MAPPING_DEFAULTS, MappingDefaults } from '@serai/engine/ports';

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
    { provide: MAPPING_DEFAULTS, useValue: [...NENGMAO_MAPPING_DEFAULTS, ...ENVOY_MAPPING_DEFAULTS] satisfies MappingDefaults[] },
  ],
  exports: [CONNECTOR_FACTORIES, MAPPING_DEFAULTS],
})
export class ConnectorsModule {}
