import { normalizeCountryCode } from '../country/country-code';
import { optionalText } from '../validation/field-guards';

/**
 * A postal address as Chinese marketplaces structure it (province / city / district / street),
 * which also holds Western addresses (state goes to `province`). Every part is optional because
 * buyers and returners often come without one.
 */
export interface Address {
  /** The country as the provider wrote it ("中国", "France"); kept for display and audit. */
  readonly country?: string;
  /** ISO 3166-1 alpha-2, when known. */
  readonly countryCode?: string;
  readonly province?: string;
  readonly city?: string;
  readonly district?: string;
  /** Street and house: personal data (PII). */
  readonly street?: string;
  /** Second address line: personal data (PII). */
  readonly addressLine2?: string;
  readonly postcode?: string;
}

export type AddressInput = { readonly [K in keyof Address]?: string | null };

/** Trims every part, drops blank ones, normalises `countryCode` to alpha-2. */
export function createAddress(input: AddressInput, field = 'address'): Address {
  const countryCode = optionalText(input.countryCode, `${field}.countryCode`);
  return dropUndefined({
    country: optionalText(input.country, `${field}.country`),
    countryCode: countryCode === undefined ? undefined : normalizeCountryCode(countryCode, `${field}.countryCode`),
    province: optionalText(input.province, `${field}.province`),
    city: optionalText(input.city, `${field}.city`),
    district: optionalText(input.district, `${field}.district`),
    street: optionalText(input.street, `${field}.street`),
    addressLine2: optionalText(input.addressLine2, `${field}.addressLine2`),
    postcode: optionalText(input.postcode, `${field}.postcode`),
  });
}

// Keeps value objects free of `key: undefined`, so toEqual and JSON see the same shape.
function dropUndefined<T extends object>(value: T): T {
  return Object.freeze(Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined))) as T;
}
