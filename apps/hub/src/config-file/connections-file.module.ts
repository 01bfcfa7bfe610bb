import { DynamicModule, Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { CredentialCipher } from '@serai/common';
import { ConnectionRepository, RouteRepository, TransactionRunner } from '@serai/persistence';
import type { Logger } from 'pino';
import type { LoadedConnectionsFile } from './connections-file';

const CONNECTIONS_FILE = Symbol('CONNECTIONS_FILE');
const FILE_LOGGER = Symbol('FILE_LOGGER');

/** Brings the stored connections (and routes, when the file has them) in line with the file, in one transaction. */
class ConnectionsFileApplier implements OnApplicationBootstrap {
  constructor(
    @Inject(CONNECTIONS_FILE) private readonly file: LoadedConnectionsFile,
    @Inject(FILE_LOGGER) private readonly logger: Logger,
    private readonly tx: TransactionRunner,
    private readonly connections: ConnectionRepository,
    private readonly routes: RouteRepository,
    private readonly cipher: CredentialCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const changes = await this.tx.run(async (m) => {
      const done: string[] = [];
      for (const c of this.file.connections) {
        const encryptedCredentials = this.cipher.encrypt(c.credentials);
        const existing = await this.connections.findByName(m, c.name);
        if (!existing) {
          await this.connections.create(m, {
            name: c.name,
            provider: c.provider,
            baseUrl: c.baseUrl,
            options: c.options ?? {},
            encryptedCredentials,
            enabled: c.enabled ?? true,
          });
          done.push(`created ${c.name}`);
        } else {
          if (existing.provider !== c.provider)
            throw new Error(`CONNECTIONS_FILE: ${c.name} is a ${existing.provider} connection, the file says ${c.provider}`);
          await this.connections.update(m, c.name, existing.version, {
            baseUrl: c.baseUrl,
            options: c.options ?? {},
            encryptedCredentials,
            enabled: c.enabled ?? true,
          });
          done.push(`updated ${c.name}`);
        }
      }
      if (this.file.routes) {
        const ids = new Map((await this.connections.list(m)).map((row) => [row.name, row.id]));
        await this.routes.replaceAll(
          m,
          this.file.routes.map((r) => {
            const connectionId = ids.get(r.connection);
            if (!connectionId) throw new Error(`CONNECTIONS_FILE: route ${r.name} targets ${r.connection}, which does not exist`);
            return {
              name: r.name,
              eventTypes: r.eventTypes,
              connectionId,
              capability: r.capability,
              sourceConnection: r.sourceConnection ?? null,
              enabled: r.enabled ?? true,
            };
          }),
        );
        done.push(`routes replaced (${this.file.routes.length})`);
      }
      return done;
    });
    this.logger.info({ changes }, 'connections file applied');
  }
}

@Module({})
export class ConnectionsFileModule {
  static forRoot(file: LoadedConnectionsFile, logger: Logger): DynamicModule {
    return {
      module: ConnectionsFileModule,
      providers: [
        { provide: CONNECTIONS_FILE, useValue: file },
        { provide: FILE_LOGGER, useValue: logger.child({ component: 'connections-file' }) },
        {
          provide: ConnectionsFileApplier,
          useFactory: (
            f: LoadedConnectionsFile,
            l: Logger,
            tx: TransactionRunner,
            c: ConnectionRepository,
            r: RouteRepository,
            cipher: CredentialCipher,
          ) => new ConnectionsFileApplier(f, l, tx, c, r, cipher),
          inject: [CONNECTIONS_FILE, FILE_LOGGER, TransactionRunner, ConnectionRepository, RouteRepository, CredentialCipher],
        },
      ],
    };
  }
}
