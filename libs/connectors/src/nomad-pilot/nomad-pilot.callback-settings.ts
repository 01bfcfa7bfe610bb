import type { ConnectionConfig } from '@serai/engine/ports';
import { CALLBACK_SIGNATURE_METHODS, CallbackSignatureMethod } from './nomad-pilot.callback-signature';

/**
 * Which callbacks a Pilot connection receives (ADR 0012): the `{store}` names of
 * `POST /callback/{store}` it answers for (`options.callbackStores`, e.g. the document's
 * `haiku`), the key senders put in `x-ca-key` (`credentials.callbackKey`), and an optional body
 * signature (`options.callbackSignature`, secret in `credentials.callbackSecret`).
 */
export interface PilotCallbackSettings {
  readonly stores: readonly string[];
  readonly key?: string;
  readonly signature: CallbackSignatureMethod;
  readonly signatureSecret?: string;
}

/** What a store name may look like: one URL path segment, as logistics provider ids are. */
export const CALLBACK_STORE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function readPilotCallbackSettings(connection: Pick<ConnectionConfig, 'options' | 'credentials'>): {
  readonly settings: PilotCallbackSettings;
  readonly problems: readonly string[];
} {
  const problems: string[] = [];
  const rawStores = connection.options.callbackStores ?? [];
  let stores: string[] = [];
  if (!Array.isArray(rawStores) || !rawStores.every((store) => typeof store === 'string' && CALLBACK_STORE_PATTERN.test(store))) {
    problems.push('options.callbackStores must be a list of store names (letters, digits, ".", "_", "-"; at most 100)');
  } else {
    stores = rawStores as string[];
  }
  const rawSignature = connection.options.callbackSignature ?? 'none';
  let signature: CallbackSignatureMethod = 'none';
  if (typeof rawSignature !== 'string' || !(CALLBACK_SIGNATURE_METHODS as readonly string[]).includes(rawSignature)) {
    problems.push(`options.callbackSignature must be one of ${CALLBACK_SIGNATURE_METHODS.join(', ')}`);
  } else {
    signature = rawSignature as CallbackSignatureMethod;
  }
  const key = connection.credentials.callbackKey;
  if (stores.length > 0 && (key === undefined || key === ''))
    problems.push('credentials.callbackKey is required with options.callbackStores');
  const signatureSecret = connection.credentials.callbackSecret;
  if (signature !== 'none' && (signatureSecret === undefined || signatureSecret === ''))
    problems.push('credentials.callbackSecret is required with options.callbackSignature');
  return {
    settings: {
      stores,
      signature,
      ...(key !== undefined && key !== '' ? { key } : {}),
      ...(signatureSecret !== undefined && signatureSecret !== '' ? { signatureSecret } : {}),
    },
    problems,
  };
}
