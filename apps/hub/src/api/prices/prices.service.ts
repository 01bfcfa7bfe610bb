import { Injectable } from '@nestjs/common';
import { RequestValidationError } from '@serai/common';
import { InvariantViolation, Instant, Money, PriceKind } from '@serai/domain';
import { ChangePrices, PriceItemRefused } from '@serai/engine';
import { CANONICAL_SCOPE, PriceRepository } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { KindPriceDto, PriceListDto, PricesAcceptedDto, PutPricesBody } from './price.dto';

@Injectable()
export class PricesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly prices: PriceRepository,
    private readonly changePrices: ChangePrices,
  ) {}

  async put(body: PutPricesBody): Promise<PricesAcceptedDto> {
    const changes = body.prices.map((item, index) => {
      try {
        return {
          sku: item.sku,
          kind: (item.kind ?? 'sale') as PriceKind,
          amount: Money.of(item.amount, item.currency),
          ...(item.asOf === undefined ? {} : { asOf: Instant.parse(item.asOf) }),
        };
      } catch (error) {
        if (error instanceof InvariantViolation)
          throw new RequestValidationError([{ field: `prices[${index}].amount`, reason: error.reason }]);
        throw error;
      }
    });
    try {
      const result = await this.changePrices.apply(changes);
      return { changed: result.changed, unchanged: result.unchanged, targets: result.targets.map((t) => t.connectionName) };
    } catch (error) {
      if (error instanceof PriceItemRefused)
        throw new RequestValidationError([{ field: `prices[${error.index}].${error.field}`, reason: error.reason }]);
      throw error;
    }
  }

  async get(skus: readonly string[]): Promise<PriceListDto> {
    const db = this.dataSource.manager;
    const [rows, pushes] = await Promise.all([this.prices.listForSkus(db, skus), this.prices.listPushes(db, skus)]);
    return {
      data: [...new Set(skus)].map((sku) => {
        const kinds = [...new Set([...rows, ...pushes].filter((r) => r.sku === sku).map((r) => r.kind))];
        return {
          sku,
          prices: kinds.map((kind): KindPriceDto => {
            const canonical = rows.find((r) => r.sku === sku && r.kind === kind && r.scope === CANONICAL_SCOPE);
            const confirmed = rows.filter((r) => r.sku === sku && r.kind === kind && r.scope !== CANONICAL_SCOPE);
            const queued = pushes.filter((p) => p.sku === sku && p.kind === kind);
            const systems = [...new Set([...confirmed.map((r) => r.scope), ...queued.map((p) => p.connectionName)])].sort();
            return {
              kind,
              canonical: canonical ? canonical.amount.toJSON() : null,
              asOf: canonical ? canonical.asOf.toISOString() : null,
              systems: systems.map((connection) => {
                const last = confirmed.find((r) => r.scope === connection);
                const push = queued.find((p) => p.connectionName === connection);
                return {
                  connection,
                  confirmed: last ? last.amount.toJSON() : null,
                  confirmedAt: last ? last.updatedAt.toISOString() : null,
                  push: push?.state ?? null,
                  reason: push?.reason ?? null,
                };
              }),
            };
          }),
        };
      }),
    };
  }
}
