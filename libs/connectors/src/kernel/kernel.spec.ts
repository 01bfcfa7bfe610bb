import fc from 'fast-check';
import { chunk, mergeOutcomes } from './batch';
import { parseJsonKeepingBigIntegers } from './json-with-big-integers';
import { maskForTrace } from './mask-personal-data';
import { paginate } from './paginate';
import { ResponseReader } from './response-reader';

describe('paginate', () => {
  const pages = (sizes: number[], total?: number) => async (pageNo: number) => ({
    pageNo,
    total,
    items: Array.from({ length: sizes[pageNo - 1] ?? 0 }, (_, i) => `${pageNo}-${i}`),
  });

  it('stops after a short page', async () => {
    const seen: number[] = [];
    for await (const page of paginate(pages([100, 100, 37]), { pageSize: 100 })) seen.push(page.items.length);
    expect(seen).toEqual([100, 100, 37]);
  });

  it('stops on an empty page when the last page was full', async () => {
    const seen: number[] = [];
    for await (const page of paginate(pages([100, 100]), { pageSize: 100 })) seen.push(page.pageNo);
    expect(seen).toEqual([1, 2]);
  });

  it('stops when the documented total is reached and at the last page number the provider accepts', async () => {
    let fetched = 0;
    const fetch = async (pageNo: number) => (fetched++, { pageNo, total: 200, items: Array.from({ length: 100 }, () => 'x') });
    for await (const page of paginate(fetch, { pageSize: 100 })) void page;
    expect(fetched).toBe(2);
    fetched = 0;
    for await (const page of paginate(async (pageNo) => (fetched++, { pageNo, items: ['a'] }), { pageSize: 1, maxPage: 5 })) void page;
    expect(fetched).toBe(5);
  });
});

describe('batching', () => {
  it('splits into the largest allowed batches', () => {
    expect(
      chunk(
        Array.from({ length: 4001 }, (_, i) => i),
        2000,
      ).map((b) => b.length),
    ).toEqual([2000, 2000, 1]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });

  it('merges per-item outcomes of every batch', () => {
    expect(
      mergeOutcomes([
        { succeeded: ['a'], failed: [{ key: 'b', code: '410', message: 'unknown sku', retryable: false }], calls: 1 },
        { succeeded: ['c'], failed: [], calls: 1 },
      ]),
    ).toEqual({ succeeded: ['a', 'c'], failed: [{ key: 'b', code: '410', message: 'unknown sku', retryable: false }], calls: 2 });
  });
});

describe('parseJsonKeepingBigIntegers', () => {
  it('keeps long integers as strings, leaves other numbers and strings alone', () => {
    expect(
      parseJsonKeepingBigIntegers('{"a":12345678901234567890,"b":-1234567890123456789,"c":1.5,"d":"99999999999999999999","e":[1,2]}'),
    ).toEqual({
      a: '12345678901234567890',
      b: '-1234567890123456789',
      c: 1.5,
      d: '99999999999999999999',
      e: [1, 2],
    });
  });

  it('is not fooled by digits inside strings with escaped quotes', () => {
    expect(parseJsonKeepingBigIntegers('{"s":"a\\"12345678901234567890","n":1}')).toEqual({ s: 'a"12345678901234567890', n: 1 });
  });

  it('quotes a long integer that is the whole text, or sits in an array or after whitespace', () => {
    expect(parseJsonKeepingBigIntegers('12345678901234567890')).toBe('12345678901234567890');
    expect(parseJsonKeepingBigIntegers('[ 12345678901234567890 , 1]')).toEqual(['12345678901234567890', 1]);
    expect(parseJsonKeepingBigIntegers('{"a": \n 1234567890123456789}')).toEqual({ a: '1234567890123456789' });
  });

  it('leaves text that looks like a long integer inside a string alone', () => {
    expect(parseJsonKeepingBigIntegers('{"note":"x,12345678901234567890]","n":2}')).toEqual({ note: 'x,12345678901234567890]', n: 2 });
  });

  it('reads any JSON exactly as the character-by-character reader it replaced', () => {
    const longInteger = fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map((n) => ({ raw: n.toString() }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        longInteger,
        fc.constantFrom(true, false, null),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    // Long integers are written bare (as a provider sends them), everything else as JSON.stringify writes it.
    const write = (v: unknown, spaced: boolean): string => {
      const gap = spaced ? ' ' : '';
      if (typeof v === 'object' && v !== null && 'raw' in v && Object.keys(v).length === 1) return String((v as { raw: string }).raw);
      if (Array.isArray(v)) return `[${gap}${v.map((x) => write(x, spaced)).join(`${gap},${gap}`)}${gap}]`;
      if (typeof v === 'object' && v !== null)
        return `{${Object.entries(v)
          .map(([k, x]) => `${JSON.stringify(k)}${gap}:${gap}${write(x, spaced)}`)
          .join(',')}}`;
      return JSON.stringify(v);
    };
    fc.assert(
      fc.property(value, fc.boolean(), (v, spaced) => {
        const text = write(v, spaced);
        expect(parseJsonKeepingBigIntegers(text)).toEqual(referenceParse(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('maskForTrace', () => {
  it('masks personal data and secrets at any depth but keeps the rest', () => {
    expect(
      maskForTrace({
        appSecret: 'x',
        orderSn: 'NM-1',
        consignee: { receiverName: '胡轩先生', mobile: '13912345678', province: '广东省' },
        idCardNo: '440304199001011234',
      }),
    ).toMatchObject({ appSecret: '[REDACTED]', orderSn: 'NM-1', consignee: { receiverName: '***', mobile: '1***78', province: '广东省' } });
    expect(JSON.stringify(maskForTrace({ idCardNo: '440304199001011234' }))).not.toContain('440304199001011234');
  });
});

describe('ResponseReader', () => {
  it('reads numbers sent as strings and decimals without floats', () => {
    const r = ResponseReader.of({ qty: '3', price: '12.50', total: 7 });
    expect(r.field('qty').integer()).toBe(3);
    expect(r.field('price').decimal()).toBe('12.50');
    expect(r.field('total').string()).toBe('7');
  });

  it('accepts either spelling of a renamed field', () => {
    expect(ResponseReader.of({ discountAmountSum: '1.00' }).fieldOf('discountSum', 'discountAmountSum').decimal()).toBe('1.00');
  });

  it('names the path of what is missing', () => {
    expect(() => ResponseReader.of({ data: {} }).field('data').field('list').array()).toThrow(
      '$.data.list should be an array but is undefined',
    );
  });
});

/** The reader parseJsonKeepingBigIntegers replaced (a character scan), kept as the reference its answers are checked against. */
function referenceParse(text: string): unknown {
  let out = '';
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (ch === '"') inString = false;
      i += 1;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      i += 1;
      continue;
    }
    if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j] as string)) j += 1;
      const token = text.slice(i, j);
      out += /^-?\d{16,}$/.test(token) ? `"${token}"` : token;
      i = j;
      continue;
    }
    out += ch;
    i += 1;
  }
  return JSON.parse(out) as unknown;
}
