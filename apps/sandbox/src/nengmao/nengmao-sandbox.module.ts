import { Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ProviderErrorRegistry } from '../core/provider-errors';
import { NengmaoAuthGuard } from './nengmao-auth.guard';
import { NengmaoBrandController } from './nengmao-brand.controller';
import { NENGMAO_CODES, NENGMAO_INJECTABLE_CODES, NengmaoCode } from './nengmao-codes';
import { NENGMAO_HTTP_STATUS, NengmaoApiError, nengmaoError } from './nengmao-envelope';
import { NengmaoExceptionFilter } from './nengmao-exception.filter';
import { NengmaoGoodsService } from './nengmao-goods.service';
import { NengmaoInspectionController, TmgInspectionController } from './nengmao-inspection.controller';
import { NengmaoInspectionService } from './nengmao-inspection.service';
import { NengmaoMarketplaceSimulation } from './nengmao-marketplace.simulation';
import { NengmaoOrdersService } from './nengmao-orders.service';
import { receiveNengmaoBodiesAsText } from './nengmao-raw-body.hook';
import { NengmaoReturnsService } from './nengmao-returns.service';
import { NengmaoShops } from './nengmao-shop';
import { NengmaoTmgController } from './nengmao-tmg.controller';

function knownCode(code: string): NengmaoCode {
  const number = Number(code);
  const codes: readonly number[] = Object.values(NENGMAO_CODES);
  return (codes.includes(number) ? number : NENGMAO_CODES.server) as NengmaoCode;
}

/** Simulators of the Nengmao brand API under `/nengmao` and the TMALL Global shops API under `/tmg` (README.md). */
@Module({
  controllers: [NengmaoBrandController, NengmaoTmgController, NengmaoInspectionController, TmgInspectionController],
  providers: [
    NengmaoShops,
    NengmaoMarketplaceSimulation,
    NengmaoGoodsService,
    NengmaoOrdersService,
    NengmaoReturnsService,
    NengmaoInspectionService,
    NengmaoAuthGuard,
    NengmaoExceptionFilter,
  ],
})
export class NengmaoSandboxModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly errors: ProviderErrorRegistry,
    private readonly simulation: NengmaoMarketplaceSimulation,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    for (const [provider, prefix] of [
      ['nengmao', '/nengmao'],
      ['tmg', '/tmg'],
    ] as const) {
      this.errors.register(provider, {
        prefix,
        injectableCodes: NENGMAO_INJECTABLE_CODES,
        render: (code, message) => {
          const error = new NengmaoApiError(knownCode(code));
          return {
            status: NENGMAO_HTTP_STATUS,
            body: { ...nengmaoError(error), errorCode: Number(code) || error.code, msg: message || error.message },
          };
        },
      });
    }
    receiveNengmaoBodiesAsText(this.adapterHost.httpAdapter.getInstance<FastifyInstance>());
    this.simulation.start();
  }

  onModuleDestroy(): void {
    this.simulation.stop();
  }
}
