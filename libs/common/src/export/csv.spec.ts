import fc from 'fast-check';
import { csvCell, csvLine, neutraliseFormula, UTF8_BOM } from './csv';

/** A minimal RFC 4180 reader, to prove what is written reads back as the (neutralised) text. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

describe('CSV cells', () => {
  it.each(['=SUM(A1:A9)', '+86 139', '-1', '@cmd', '\tx', '\rx'])(
    'prefixes a cell a spreadsheet would evaluate (%j) with a quote',
    (text) => {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    },
  );

  it('leaves ordinary text, numbers and Chinese alone', () => {
    expect(csvCell('胡轩')).toBe('胡轩');
    expect(csvCell(129.5)).toBe('129.5');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('writes null and undefined as empty cells, dates as ISO-8601 UTC', () => {
    expect(csvLine([null, undefined, new Date('2026-11-11T00:00:00Z')])).toBe(',,2026-11-11T00:00:00.000Z\r\n');
  });

  it('has a UTF-8 byte order mark for spreadsheets', () => {
    expect(Buffer.from(UTF8_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('reads back every line as its cells, and no cell starts with a formula trigger', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (cells) => {
        const line = csvLine(cells);
        const read = parseCsvLine(line.slice(0, -2));
        expect(read).toEqual(cells.map(neutraliseFormula));
        for (const cell of read) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
      { seed: 8, numRuns: 300 },
    );
  });
});
