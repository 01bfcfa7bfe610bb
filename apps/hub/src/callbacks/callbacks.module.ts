import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CredentialCipher, HUB_CONFIG, HubConfig } from '@serai/common';
import { CallbackRefusalRepository, ConnectionRepository, poolSqlRunner, WebhookInboxRepository } from '@serai/persistence';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { HUB_LOGGER } from '../runtime/hub-logger.token';
import { CallbackAuthThrottle } from './callback-auth-throttle';
import { CallbackReceiver } from './callback-receiver.service';
import { CallbackRefusalAudit } from './callback-refusal-audit';
import { callbackRoutes } from './callback-routes';
import { CallbackStoreDirectory } from './callback-store-directory';
import { isDatabaseUnavailable } from './database-unavailable';
import { InboxGroupCommit } from './inbox-group-commit';

const logOf = (logger: Logger): Logger => logger.child({ component: 'callbacks' });

/**
 * The logistics callback receiver: `POST /callback/{store}` and `/callbacks/{store}`, registered
 * as a Fastify plugin when the module starts, outside the REST API's prefix, guard and error
 * format (ADR 0012).
 */
@Module({
  providers: [
    {
      provide: CallbackStoreDirectory,
      useFactory: (ds: DataSource, connections: ConnectionRepository, cipher: CredentialCipher, logger: Logger, config: HubConfig) =>
        new CallbackStoreDirectory(ds.manager, connections, cipher, logOf(logger), config.callbacks.storeCacheMs),
      inject: [DataSource, ConnectionRepository, CredentialCipher, HUB_LOGGER, HUB_CONFIG],
    },
    {
      provide: CallbackAuthThrottle,
      useFactory: (config: HubConfig) => new CallbackAuthThrottle(config.callbacks.authFailureLimit, config.callbacks.authFailureWindowMs),
      inject: [HUB_CONFIG],
    },
    {
      provide: CallbackRefusalAudit,
      useFactory: (ds: DataSource, refusals: CallbackRefusalRepository, logger: Logger) =>
        new CallbackRefusalAudit(ds.manager, refusals, logOf(logger)),
      inject: [DataSource, CallbackRefusalRepository, HUB_LOGGER],
    },
    {
      provide: InboxGroupCommit,
      useFactory: (inbox: WebhookInboxRepository, ds: DataSource) => {
        // The pool behind the ORM, as named prepared statements: no query runner per callback.
        const sql = poolSqlRunner(ds);
        return new InboxGroupCommit(
          (entries) => inbox.insertReceivedMany(sql, entries),
          (entry) => inbox.insertReceived(sql, entry),
          isDatabaseUnavailable,
        );
      },
      inject: [WebhookInboxRepository, DataSource],
    },
    {
      provide: CallbackReceiver,
      useFactory: (
        directory: CallbackStoreDirectory,
        throttle: CallbackAuthThrottle,
        inbox: InboxGroupCommit,
        audit: CallbackRefusalAudit,
        logger: Logger,
        config: HubConfig,
      ) => new CallbackReceiver(directory, throttle, inbox, audit, logOf(logger), config.callbacks.maxBodyBytes),
      inject: [CallbackStoreDirectory, CallbackAuthThrottle, InboxGroupCommit, CallbackRefusalAudit, HUB_LOGGER, HUB_CONFIG],
    },
  ],
  exports: [CallbackStoreDirectory],
})
export class CallbacksModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly receiver: CallbackReceiver,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Not awaited: awaiting a plugin inside Nest's init re-parents the error handling of the routes
    // Nest registers next, and their content-type refusals (415, 413) would bypass problem+json.
    void fastify.register(callbackRoutes(this.receiver, this.config.callbacks.maxBodyBytes, logOf(this.logger)));
  }
}
