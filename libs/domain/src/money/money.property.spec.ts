import fc from 'fast-check';
import { Money } from './money';

// Amounts are generated as minor units so every case is exact; the oracle is plain bigint maths.
const currency = fc.constantFrom('CNY', 'USD', 'JPY', 'EUR');
const minor = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
const moneyIn = (code: string): fc.Arbitrary<Money> => minor.map((units) => Money.fromMinor(units, code));
const sameCurrencyPair = currency.chain((code) => fc.tuple(moneyIn(code), moneyIn(code)));
const sameCurrencyTriple = currency.chain((code) => fc.tuple(moneyIn(code), moneyIn(code), moneyIn(code)));
const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
  .map(([negative, digits, scale]) => {
    const padded = digits.toString().padStart(scale + 1, '0');
    const text = scale === 0 ? padded : `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
    return negative ? `-${text}` : text;
  });

describe('Money properties', () => {
  it('adds commutatively', () => {
    fc.assert(fc.property(sameCurrencyPair, ([a, b]) => a.add(b).equals(b.add(a))));
  });

  it('adds associatively', () => {
    fc.assert(
      fc.property(sameCurrencyTriple, ([a, b, c]) =>
        a
          .add(b)
          .add(c)
          .equals(a.add(b.add(c))),
      ),
    );
  });

  it('gets a back from a + b - b', () => {
    fc.assert(fc.property(sameCurrencyPair, ([a, b]) => a.add(b).subtract(b).equals(a)));
  });

  it('adds like integer arithmetic on minor units', () => {
    fc.assert(
      fc.property(currency, minor, minor, (code, x, y) => {
        expect(Money.fromMinor(x, code).add(Money.fromMinor(y, code)).minorUnits).toBe(x + y);
      }),
    );
  });

  it('multiplies by n as n additions', () => {
    fc.assert(
      fc.property(currency.chain(moneyIn), fc.integer({ min: 0, max: 40 }), (money, n) => {
        const repeated = Array.from({ length: n }, () => money);
        expect(money.multiply(n).amount).toBe(Money.sum(money.currency, repeated).amount);
      }),
    );
  });

  it('splits into n parts that sum to the whole and differ by at most one minor unit', () => {
    fc.assert(
      fc.property(currency.chain(moneyIn), fc.integer({ min: 1, max: 50 }), (money, n) => {
        const parts = money.allocate(n);
        expect(parts).toHaveLength(n);
        expect(Money.sum(money.currency, parts).equals(money)).toBe(true);
        const units = parts.map((part) => part.minorUnits);
        const spread = units.reduce((max, u) => (u > max ? u : max)) - units.reduce((min, u) => (u < min ? u : min));
        expect(spread <= 1n).toBe(true);
      }),
    );
  });

  it('splits by ratios into parts that sum to the whole and stay within one minor unit of the exact share', () => {
    fc.assert(
      fc.property(
        currency.chain(moneyIn),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }).filter((r) => r.some((x) => x > 0)),
        (money, ratios) => {
          const parts = money.allocateByRatios(ratios);
          expect(Money.sum(money.currency, parts).equals(money)).toBe(true);
          const total = money.minorUnits;
          const sum = BigInt(ratios.reduce((a, b) => a + b, 0));
          parts.forEach((part, index) => {
            // |part * sum - total * ratio| < sum  <=>  the part is within one unit of its exact share
            const error = part.minorUnits * sum - total * BigInt(ratios[index]);
            expect((error < 0n ? -error : error) < sum).toBe(true);
          });
        },
      ),
    );
  });

  it('reads back its own text', () => {
    fc.assert(
      fc.property(currency.chain(moneyIn), (money) => {
        const parsed = Money.of(money.toString(), money.currency);
        expect(parsed.equals(money)).toBe(true);
        expect(parsed.toString()).toBe(money.toString());
      }),
    );
  });

  it('keeps any decimal text exactly, with no float drift', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (x, y) => {
        const sum = Money.of(x, 'CNY').add(Money.of(y, 'CNY'));
        // oracle: scale both to 6 decimals as bigint
        const toMicro = (text: string): bigint => {
          const [whole, fraction = ''] = text.replace('-', '').split('.');
          const value = BigInt(whole + fraction.padEnd(6, '0'));
          return text.startsWith('-') ? -value : value;
        };
        expect(sum.equals(Money.of(formatMicro(toMicro(x) + toMicro(y)), 'CNY'))).toBe(true);
      }),
    );
  });

  it('sums 0.1 ten times to exactly 1', () => {
    const tenth = Money.of('0.1', 'CNY');
    const total = Array.from({ length: 10 }, () => tenth).reduce((a, b) => a.add(b));
    expect(total.equals(Money.of('1', 'CNY'))).toBe(true);
    expect(Money.of('0.1', 'CNY').add(Money.of('0.2', 'CNY')).equals(Money.of('0.3', 'CNY'))).toBe(true);
  });
});

function formatMicro(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(7, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}
