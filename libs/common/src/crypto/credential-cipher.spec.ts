import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialCipher, CredentialDecryptionError } from './credential-cipher';
import { readOrCreateMasterKey } from './master-key';

const key = Buffer.alloc(32, 1).toString('base64');

describe('CredentialCipher', () => {
  it('round-trips credentials without the secret appearing in the stored form', () => {
    const cipher = new CredentialCipher(key);
    const stored = cipher.encrypt({ appKey: 'demo-app-key', appSecret: 'demo-app-secret' });
    expect(stored).not.toContain('demo-app-secret');
    expect(cipher.decrypt(stored)).toEqual({ appKey: 'demo-app-key', appSecret: 'demo-app-secret' });
  });

  it('uses a fresh IV for every value', () => {
    const cipher = new CredentialCipher(key);
    expect(cipher.encrypt({ a: 'b' })).not.toBe(cipher.encrypt({ a: 'b' }));
  });

  it('refuses a value encrypted with another key or tampered with', () => {
    const stored = new CredentialCipher(key).encrypt({ appSecret: 's' });
    expect(() => new CredentialCipher(Buffer.alloc(32, 2).toString('base64')).decrypt(stored)).toThrow(CredentialDecryptionError);
    const tampered = stored.slice(0, -2) + (stored.endsWith('A') ? 'BB' : 'AA');
    expect(() => new CredentialCipher(key).decrypt(tampered)).toThrow(CredentialDecryptionError);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => new CredentialCipher('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});

describe('readOrCreateMasterKey', () => {
  it('creates an owner-only key on first use and returns the same key afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'serai-key-'));
    const first = readOrCreateMasterKey(dir);
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect(statSync(join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    expect(readOrCreateMasterKey(dir)).toBe(first);
  });
});
