/** Keys whose values are decimals on the Pilot wire: written as JSON numbers, digit for digit. */
export const PILOT_DECIMAL_KEYS: ReadonlySet<string> = new Set(['netWeight', 'grossWeight', 'rrpCny', 'rrpGbp', 'taxRate']);
