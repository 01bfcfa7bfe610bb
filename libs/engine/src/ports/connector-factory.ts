import type { ProviderConnector } from './capabilities';
import type { ConnectionConfig } from './connection-config';
import type { ProviderKind } from './provider-kind';

/** One provider call as the `provider_call` trace keeps it: URL and bodies already masked. */
export interface ProviderCallRecord {
  readonly provider: string;
  readonly connectionName: string;
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
  readonly httpStatus?: number;
  readonly providerCode?: string;
  readonly outcome: 'success' | 'provider_error' | 'transport_error' | 'timeout' | 'invalid_response';
  readonly latencyMs: number;
  readonly requestBody?: unknown;
  readonly responseBody?: unknown;
  readonly error?: string;
  readonly startedAt: Date;
}

/** Receives every call a connector makes; the engine stores them, tests collect them. */
export interface CallTraceSink {
  record(call: ProviderCallRecord): void;
}

/** Registered by each connector module; the engine builds connectors for connections through it. */
export interface ConnectorFactory {
  readonly provider: ProviderKind;
  create(connection: ConnectionConfig, trace: CallTraceSink): ProviderConnector;
}

export const CONNECTOR_FACTORIES = Symbol('CONNECTOR_FACTORIES');
