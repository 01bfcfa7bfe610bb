import type { ProviderKind } from './provider-kind';

/** What a connector is built from: one provider account, credentials already decrypted. */
export interface ConnectionConfig {
  readonly name: string;
  readonly provider: ProviderKind;
  /** Sandbox or production: the only thing that changes between them. */
  readonly baseUrl: string;
  readonly credentials: Readonly<Record<string, string>>;
  /** Provider-specific: Envoy `store`, Pilot `carrier`, WMS `version`, timeouts, page sizes ... */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ConnectionTestResult {
  readonly ok: boolean;
  /** What the provider said, in its own words (code and message), never a secret. */
  readonly providerCode?: string;
  readonly message: string;
  readonly latencyMs: number;
}
