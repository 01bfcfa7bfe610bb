import type { CallTraceSink, ProviderCallRecord } from '@serai/engine/ports';

export type { ProviderCallRecord } from '@serai/engine/ports';

/** Receives every call a client makes: the engine's trace sink, or a collector in tests. */
export type ProviderCallRecorder = CallTraceSink;

export const IGNORE_CALLS: ProviderCallRecorder = { record: (_call: ProviderCallRecord) => undefined };
