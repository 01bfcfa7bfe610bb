import { normalizeCountryCode } from '../country/country-code';
import { InvariantViolation } from '../errors/invariant-violation.error';
import { optionalText } from '../validation/field-guards';
import { formatExactDecimal, parseExactDecimal } from '../validation/exact-decimal';

/** What Chinese cross-border customs need to know about a SKU. */
export interface CustomsInfo {
  /** Harmonized System code, 6 to 10 digits, separators removed ("3304.99.00" -> "33049900"). */
  readonly hsCode?: string;
  /** ISO 3166-1 alpha-2; alpha-3 input ("USA", Nengmao example) is normalised. */
  readonly originCountry?: string;
  /** Customs unit of measure code (e.g. "142", Pilot `customsUnitCode`). */
  readonly customsUnit?: string;
  /** Customs filing / record number (Envoy `customsFilingId`). */
  readonly filingId?: string;
  /** Cross-border tax rate as a decimal fraction between 0 and 1 ("0.091"). */
  readonly taxRate?: string;
}

export interface CustomsInfoInput {
  readonly hsCode?: string | null;
  readonly originCountry?: string | null;
  readonly customsUnit?: string | null;
  readonly filingId?: string | null;
  readonly taxRate?: string | number | null;
}

const HS_CODE = /^\d{6,10}$/;

export function createCustomsInfo(input: CustomsInfoInput, field = 'customs'): CustomsInfo {
  const hsCode = optionalText(input.hsCode, `${field}.hsCode`)?.replace(/[.\s]/g, '');
  if (hsCode !== undefined && !HS_CODE.test(hsCode)) {
    throw new InvariantViolation(`${field}.hsCode`, `must be 6 to 10 digits, got ${JSON.stringify(input.hsCode)}`);
  }
  const origin = optionalText(input.originCountry, `${field}.originCountry`);
  const info: CustomsInfo = {
    hsCode,
    originCountry: origin === undefined ? undefined : normalizeCountryCode(origin, `${field}.originCountry`),
    customsUnit: optionalText(input.customsUnit, `${field}.customsUnit`),
    filingId: optionalText(input.filingId, `${field}.filingId`),
    taxRate: input.taxRate === undefined || input.taxRate === null ? undefined : taxRate(input.taxRate, `${field}.taxRate`),
  };
  return Object.freeze(Object.fromEntries(Object.entries(info).filter(([, value]) => value !== undefined)));
}

function taxRate(value: string | number, field: string): string {
  const rate = parseExactDecimal(value, field);
  if (rate.lessThan(0) || rate.greaterThan(1)) throw new InvariantViolation(field, `must be between 0 and 1, got ${String(value)}`);
  return formatExactDecimal(rate);
}
