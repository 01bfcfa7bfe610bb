import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MASTER_KEY_FILE = 'master.key';

/**
 * The embedded setup keeps its master key in the data folder, created on first start (owner-only
 * permissions). With an external database the key must come from MASTER_KEY instead, so that it is
 * never stored beside the data it protects.
 */
export function readOrCreateMasterKey(dataDir: string): string {
  const file = join(dataDir, MASTER_KEY_FILE);
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (Buffer.from(key, 'base64').length !== 32) throw new Error(`${file} does not hold a 32-byte base64 master key`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
