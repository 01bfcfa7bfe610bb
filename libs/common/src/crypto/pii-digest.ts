import { createHmac, hkdfSync } from 'node:crypto';

/**
 * A keyed digest of personal data (phone numbers) so orders can be found by phone without the
 * phone being readable from the index. Keyed by a sub-key of the master key: without it the
 * digests cannot be brute-forced from the small space of phone numbers.
 */
export class PiiDigest {
  private readonly key: Buffer;

  constructor(masterKeyBase64: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(masterKeyBase64, 'base64'), Buffer.alloc(0), 'serai/pii-digest/v1', 32));
  }

  /** Phones are compared on their digits only, without a +86/0086 country prefix. */
  phone(value: string): string {
    const digits = value.replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '');
    return createHmac('sha256', this.key).update(`phone:${digits}`).digest('base64url');
  }
}
