import { csvCell, csvLine, neutraliseFormula } from './csv';

describe('CSV cells', () => {
  it('prefixes text a spreadsheet would run as a formula with an apostrophe', () => {
    for (const attack of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])
      expect(neutraliseFormula(attack)).toBe(`'${attack}`);
    expect(neutraliseFormula('SKU-1')).toBe('SKU-1');
  });

  it('quotes cells with commas, quotes or line breaks and doubles the quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('writes numbers as numbers (a negative number is not neutralised) and empty cells for null', () => {
    expect(csvLine([1.5, -2, null, undefined, '张三'])).toBe('1.5,-2,,,张三\r\n');
  });
});
