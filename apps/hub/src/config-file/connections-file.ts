import { plainToInstance, Type } from 'class-transformer';
import { IsArray, IsOptional, ValidateNested, validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { ConfigurationError, toFieldProblems } from '@serai/common';
import { CreateConnectionBody } from '../api/connections/connection.dto';
import { RouteBody } from '../api/routes/route.dto';

/**
 * The connections (and optionally the routes) an operator keeps in a file, loaded at start-up:
 * what the file names is created or brought in line with it; other connections are left alone.
 * Credential values may be `${VARIABLE}` references, read from the environment, so the file can
 * live in version control without secrets.
 */
class ConnectionsFile {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CreateConnectionBody)
  connections!: CreateConnectionBody[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RouteBody)
  routes?: RouteBody[];
}

export interface LoadedConnectionsFile {
  readonly connections: readonly CreateConnectionBody[];
  readonly routes?: readonly RouteBody[];
}

const REFERENCE = /^\$\{([A-Z_][A-Z0-9_]*)\}$/;

function resolveReferences(file: ConnectionsFile, env: Record<string, string | undefined>, path: string): string[] {
  const problems: string[] = [];
  file.connections.forEach((connection, i) => {
    for (const [key, value] of Object.entries(connection.credentials ?? {})) {
      const match = REFERENCE.exec(value);
      if (!match) continue;
      const variable = match[1] ?? '';
      const resolved = env[variable];
      if (resolved === undefined || resolved === '')
        problems.push(`${path}: connections[${i}].credentials.${key} refers to ${variable}, which is not set`);
      else connection.credentials[key] = resolved;
    }
  });
  return problems;
}

/** Reads and validates the file; one ConfigurationError naming every bad field (never a secret value). */
export function loadConnectionsFile(path: string, env: Record<string, string | undefined>): LoadedConnectionsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError([
      `CONNECTIONS_FILE ${path} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  const file = plainToInstance(ConnectionsFile, raw);
  const errors = validateSync(file, { whitelist: true, forbidNonWhitelisted: true });
  const problems = toFieldProblems(errors).map((p) => `${path}: ${p.field} ${p.reason}`);
  if (problems.length === 0) problems.push(...resolveReferences(file, env, path));
  if (problems.length > 0) throw new ConfigurationError(problems);
  return { connections: file.connections, routes: file.routes };
}
