import { DynamicModule, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { CredentialCipher } from '@serai/common';
import { MappingService } from '@serai/engine';
import { ConnectionRepository, MappingRepository, RouteRepository, TransactionRunner } from '@serai/persistence';
import type { Logger } from 'pino';
import { DemoTopology } from './demo-topology';
import { demoSkuXref } from './demo-sku-xref';

const DEMO_OPTIONS = Symbol('DEMO_OPTIONS');

class DemoBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly topology: DemoTopology,
    @Inject(DEMO_OPTIONS) private readonly options: { sandboxUrl: string },
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.topology.ensure(this.options.sandboxUrl);
  }
}

/** Present only in the demo topology (the sandbox runs beside the hub). */
@Module({})
export class DemoModule {
  static forRoot(sandboxUrl: string, masterKey: string, logger: Logger): DynamicModule {
    return {
      module: DemoModule,
      providers: [
        { provide: DEMO_OPTIONS, useValue: { sandboxUrl } },
        {
          provide: DemoTopology,
          useFactory: (
            tx: TransactionRunner,
            connections: ConnectionRepository,
            routes: RouteRepository,
            mappingRows: MappingRepository,
            mappings: MappingService,
          ) =>
            new DemoTopology(
              tx,
              connections,
              routes,
              new CredentialCipher(masterKey),
              logger.child({ component: 'demo' }),
              demoSkuXref(tx, mappingRows, mappings, logger.child({ component: 'demo' })),
            ),
          inject: [TransactionRunner, ConnectionRepository, RouteRepository, MappingRepository, MappingService],
        },
        DemoBootstrap,
      ],
    };
  }
}
