import { InvariantViolation } from '../errors/invariant-violation.error';
import { optionalText, requireText } from '../validation/field-guards';
import { Address, AddressInput, createAddress } from './address';

/**
 * A person the order concerns: the buyer, the consignee, a returner. Fields marked PII are
 * personal data under PIPL/GDPR: they must not reach logs, traces or reports unmasked (see
 * `maskParty`) and are candidates for column encryption.
 */
export interface Party {
  /** PII. */
  readonly name: string;
  /** PII. Landline or any phone; Nengmao `telephone`. */
  readonly phone?: string;
  /** PII. Mobile phone; Nengmao `mobile`. */
  readonly mobile?: string;
  /** PII. */
  readonly email?: string;
  /** PII. National ID (身份证) required by Chinese customs for cross-border parcels; Envoy `chineseId`. */
  readonly idNumber?: string;
  readonly address: Address;
}

export interface PartyInput {
  readonly name: string;
  readonly phone?: string | null;
  readonly mobile?: string | null;
  readonly email?: string | null;
  readonly idNumber?: string | null;
  readonly address?: AddressInput;
}

/** Which fields hold personal data, as data, so persistence and trace redaction need not guess. */
export const PII_FIELDS = {
  party: ['name', 'phone', 'mobile', 'email', 'idNumber'],
  address: ['street', 'addressLine2'],
} as const satisfies { party: readonly (keyof Party)[]; address: readonly (keyof Address)[] };

export function createParty(input: PartyInput, field = 'party'): Party {
  const email = optionalText(input.email, `${field}.email`);
  if (email !== undefined && !email.includes('@')) throw new InvariantViolation(`${field}.email`, 'must contain "@"');
  const party: Party = {
    name: requireText(input.name, `${field}.name`),
    phone: optionalText(input.phone, `${field}.phone`),
    mobile: optionalText(input.mobile, `${field}.mobile`),
    email,
    idNumber: optionalText(input.idNumber, `${field}.idNumber`),
    address: createAddress(input.address ?? {}, `${field}.address`),
  };
  return Object.freeze(Object.fromEntries(Object.entries(party).filter(([, value]) => value !== undefined))) as Party;
}
