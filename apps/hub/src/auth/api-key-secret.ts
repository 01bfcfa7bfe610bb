import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'serai_';

/** A new API key: a recognisable prefix (for secret scanners) and 32 random bytes. */
export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up: SHA-256 of the key, lowercase hex. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
