import { HttpModule, HttpService } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { NengmaoConnectorFactory } from './nengmao-connector.factory';
import { NENGMAO_BRAND_PROFILE, NENGMAO_TMALL_GLOBAL_PROFILE } from './nengmao.profiles';

export const NENGMAO_BRAND_CONNECTOR_FACTORY = Symbol('NENGMAO_BRAND_CONNECTOR_FACTORY');
export const NENGMAO_TMALL_GLOBAL_CONNECTOR_FACTORY = Symbol('NENGMAO_TMALL_GLOBAL_CONNECTOR_FACTORY');
/** Both factories as a list, to spread into the app's CONNECTOR_FACTORIES provider. */
export const NENGMAO_CONNECTOR_FACTORIES = Symbol('NENGMAO_CONNECTOR_FACTORIES');

/** Nest wiring only: the two Nengmao connector factories on the shared HttpModule. */
@Module({
  imports: [HttpModule],
  providers: [
    {
      provide: NENGMAO_BRAND_CONNECTOR_FACTORY,
      useFactory: (http: HttpService) => new NengmaoConnectorFactory(http, NENGMAO_BRAND_PROFILE),
      inject: [HttpService],
    },
    {
      provide: NENGMAO_TMALL_GLOBAL_CONNECTOR_FACTORY,
      useFactory: (http: HttpService) => new NengmaoConnectorFactory(http, NENGMAO_TMALL_GLOBAL_PROFILE),
      inject: [HttpService],
    },
    {
      provide: NENGMAO_CONNECTOR_FACTORIES,
      useFactory: (brand: NengmaoConnectorFactory, tmallGlobal: NengmaoConnectorFactory) => [brand, tmallGlobal],
      inject: [NENGMAO_BRAND_CONNECTOR_FACTORY, NENGMAO_TMALL_GLOBAL_CONNECTOR_FACTORY],
    },
  ],
  exports: [NENGMAO_BRAND_CONNECTOR_FACTORY, NENGMAO_TMALL_GLOBAL_CONNECTOR_FACTORY, NENGMAO_CONNECTOR_FACTORIES],
})
export class NengmaoConnectorModule {}
