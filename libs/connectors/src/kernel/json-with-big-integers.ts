/**
 * A bare integer too long for a double: after `:`, `[` or `,` (and any whitespace), 16 or more
 * digits, then the end of the value. Inside a string literal the same characters can appear, so a
 * match only says the careful pass is needed, never that a number is there.
 */
const MAYBE_BIG_INTEGER = /(?:^|[:[,])\s*-?\d{16,}\s*(?:$|[,}\]])/;
/** A string literal (skipped whole, escapes included) or a number token, in one left-to-right scan. */
const STRING_OR_NUMBER = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const BIG_INTEGER = /^-?\d{16,}$/;

/**
 * JSON.parse, except that integers too long for a double (more than 15 digits: order numbers,
 * waybill ids sent as bare numbers) arrive as strings with every digit kept.
 *
 * Most answers have none (their long numbers are quoted), and a list page is ~100 KB: a regular
 * expression first tells whether any bare long integer can be there, and only then is the text
 * rewritten (string literals passed over whole, long integer tokens quoted) before JSON.parse.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  if (!MAYBE_BIG_INTEGER.test(text)) return JSON.parse(text) as unknown;
  // Left to right, a string literal is matched whole before its digits could be: only bare numbers are seen as numbers.
  const quoted = text.replace(STRING_OR_NUMBER, (token) => (BIG_INTEGER.test(token) ? `"${token}"` : token));
  return JSON.parse(quoted) as unknown;
}
