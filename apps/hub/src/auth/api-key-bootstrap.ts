import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HUB_CONFIG, HubConfig, Logger } from '@serai/common';
import { ApiKeyRepository, ApiKeyScope, TransactionRunner } from '@serai/persistence';
import { HUB_LOGGER } from '../runtime/hub-logger.token';
import { generateApiKey, hashApiKey } from './api-key-secret';

const FIRST_KEY_SCOPES: readonly ApiKeyScope[] = ['admin', 'pii'];

/**
 * Makes sure an operator can reach the API on a fresh install: BOOTSTRAP_API_KEY is stored (as its
 * hash) if it is not yet; without it, and with no key stored at all, one key is generated and
 * logged once. Its hash is all that is kept, so it can never be shown again.
 */
@Injectable()
export class ApiKeyBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: ApiKeyRepository,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log = this.logger.child({ component: 'auth' });
    const configured = this.config.auth.bootstrapApiKey;
    if (configured !== undefined) {
      const stored = await this.tx.run((m) =>
        this.keys.createIfHashAbsent(m, { name: 'bootstrap', hash: hashApiKey(configured), scopes: FIRST_KEY_SCOPES }),
      );
      if (stored) log.info('stored the admin API key from BOOTSTRAP_API_KEY');
      return;
    }
    const key = generateApiKey();
    const created = await this.tx.run((m) =>
      this.keys.createIfNone(m, { name: 'generated', hash: hashApiKey(key), scopes: FIRST_KEY_SCOPES }),
    );
    if (created) {
      log.warn(`generated the first admin API key (it will not be shown again; store it now): ${key}`);
    }
  }
}
