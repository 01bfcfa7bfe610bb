import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

export class CredentialDecryptionError extends Error {
  constructor() {
    // Deliberately says nothing about the payload: it is a secret.
    super('Stored credentials could not be decrypted: the master key does not match the one they were encrypted with');
    this.name = 'CredentialDecryptionError';
  }
}

/**
 * Encrypts provider credentials at rest with the hub's master key (AES-256-GCM, random IV per
 * value, authenticated so tampering is detected). The stored form is `v1.<iv>.<tag>.<ciphertext>`.
 */
export class CredentialCipher {
  private readonly key: Buffer;

  constructor(masterKeyBase64: string) {
    this.key = Buffer.from(masterKeyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('The master key must be 32 bytes, base64 encoded');
  }

  encrypt(plain: Readonly<Record<string, string>>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(stored: string): Record<string, string> {
    const [version, iv, tag, body] = stored.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) throw new CredentialDecryptionError();
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as Record<string, string>;
    } catch {
      throw new CredentialDecryptionError();
    }
  }
}
