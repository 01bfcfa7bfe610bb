import { InvariantViolation } from '../errors/invariant-violation.error';
import { optionalText } from '../validation/field-guards';

/** Titles in the two languages a cross-border listing needs; at least one must be given. */
export interface ProductTitles {
  readonly zh?: string;
  readonly en?: string;
}

export function createProductTitles(input: { readonly zh?: string | null; readonly en?: string | null }, field = 'titles'): ProductTitles {
  const zh = optionalText(input.zh, `${field}.zh`);
  const en = optionalText(input.en, `${field}.en`);
  if (zh === undefined && en === undefined) throw new InvariantViolation(field, 'needs a Chinese or an English title');
  return Object.freeze({ ...(zh === undefined ? {} : { zh }), ...(en === undefined ? {} : { en }) });
}
