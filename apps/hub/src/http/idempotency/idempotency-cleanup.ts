import { Injectable, OnApplicationBootstrap, OnApplicationShutdown, Inject } from '@nestjs/common';
import { Logger } from '@serai/common';
import { IdempotencyKeyRepository } from '@serai/persistence';
import { DataSource } from 'typeorm';
import { HUB_LOGGER } from '../../runtime/hub-logger.token';

const CLEANUP_EVERY_MS = 15 * 60_000;

/**
 * Deletes idempotency keys past their 24 hours, every quarter hour, in every API process (the
 * DELETE is idempotent and batched, so several instances doing it costs nothing). Reads never
 * depend on it: an expired key is treated as absent whether or not its row is gone yet.
 */
@Injectable()
export class IdempotencyCleanup implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: IdempotencyKeyRepository,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), CLEANUP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async runOnce(): Promise<number> {
    try {
      const deleted = await this.keys.deleteExpired(this.dataSource.manager);
      if (deleted > 0) this.logger.info({ component: 'http', deleted }, 'expired idempotency keys deleted');
      return deleted;
    } catch (error) {
      this.logger.warn({ component: 'http', err: error }, 'idempotency key cleanup failed');
      return 0;
    }
  }
}
