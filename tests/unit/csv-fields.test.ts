import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../server/src/core/tabular';

/** Where a spreadsheet would run a cell: it starts (perhaps after spaces or an opening quote) with = + - @, or with a tab or CR. */
const FORMULA = /^[\t\r]|^[\s"]*[=+\-@]/;
const NUMBER_FIRST = /^-?\d+(\.\d+)?(?=[,;\t]|$)/;

const HOSTILE = [
  'a;=1+1',
  "x,=cmd|' /C calc'!A0",
  '"q"',
  '=SUM(A1)',
  '+1',
  '-2',
  '@x',
  '\t=1',
  '\r=1',
  ' =1+1',
  'a\t=1+1',
  'a;+1;-1;@SUM(1)',
  'a,"=1+1",b',
  'a";=1+1;"b',
  'a; "=1+1',
  'line\n=1+1',
  'ok;ok',
  'plain',
  '',
];

/** Splits a line on a separator outside quotes (a quote anywhere opens or closes them). */
function splitOutsideQuotes(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  return [...fields, field];
}

/**
 * Fields a hostile reading could run: formula-like, unless what looks like a formula is
 * one of the numbers the export writes (a negative number, then the end or a separator).
 */
const runnable = (fields: string[]) => fields.filter((f) => FORMULA.test(f) && !NUMBER_FIRST.test(f));

/** The hostile cells in rows, shuffled and glued together, with negative numbers among them. */
function hostileCsv(): string {
  const rows: (string | number | null)[][] = [
    HOSTILE,
    [...HOSTILE].reverse(),
    HOSTILE.map((cell, i) => (i % 3 === 0 ? -i - 1 : `${cell}${HOSTILE[(i + 5) % HOSTILE.length] ?? ''}`)),
  ];
  return toCsv(
    HOSTILE.map((_, i) => `col${i}`),
    rows,
  );
}

describe('toCsv', () => {
  it('writes numbers as numbers, negative ones included', () => {
    expect(toCsv(['slippage', 'amount'], [[-5, -1234.5]])).toBe('slippage,amount\r\n-5,-1234.5\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, and quotes it', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [['=SUM(A1)', '+1', '-2', '@x']])).toBe(`a,b,c,d\r\n"'=SUM(A1)","'+1","'-2","'@x"\r\n`);
  });

  it('quotes fields holding commas, quotes and line breaks', () => {
    expect(toCsv(['x'], [['a, "b"\nc']])).toBe('x\r\n"a, ""b""\nc"\r\n');
  });

  it('quotes text holding a semicolon, tab or formula character and defuses a formula after a separator, so a ";" reading cannot start a cell at "=1+1"', () => {
    expect(toCsv(['x', 'y', 'z', 'w'], [['a;=1+1', 'x,=cmd', '"q"', 'tab\there']])).toBe(`x,y,z,w\r\n"a;'=1+1","x,'=cmd","""q""","tab\there"\r\n`);
    expect(toCsv(['x'], [['a; "=1+1'], [' @x'], ['2026-03-10'], ['a - b']])).toBe(`x\r\n"a; ""'=1+1"\r\n" '@x"\r\n"2026-03-10"\r\n"a - b"\r\n`);
  });

  it('leaves text without separators, quotes or formula characters as it is', () => {
    expect(
      toCsv(
        ['name', 'code'],
        [
          ['Aziza Test', '1.a'],
          [null, 'Отстаёт'],
        ],
      ),
    ).toBe('name,code\r\nAziza Test,1.a\r\n,Отстаёт\r\n');
  });

  it.each([',', ';', '\t'])('split on %j outside quotes, or read as CSV with it as the separator, no field starts like a formula', (separator) => {
    const csv = hostileCsv();
    const split = csv.split('\r\n').flatMap((line) => splitOutsideQuotes(line, separator));
    expect(split.length).toBeGreaterThan(3);
    expect(runnable(split)).toEqual([]);
    const read = parseCsv(csv, { delimiters: [separator] });
    expect(read.error).toBeNull();
    const fields = read.records.flatMap((r) => r.fields);
    expect(fields.length).toBeGreaterThan(read.records.length);
    expect(runnable(fields)).toEqual([]);
  });

  it.each([',', ';', '\t'])(
    'split into lines at every line break and on %j with no regard for quotes at all, no field starts like a formula',
    (separator) => {
      const fields = hostileCsv()
        .split(/\r\n|\r|\n/)
        .flatMap((line) => line.split(separator));
      expect(fields.length).toBeGreaterThan(3);
      expect(runnable(fields)).toEqual([]);
    },
  );

  it('the check above finds a formula behind an opening quote, and lets numbers and defused text pass', () => {
    expect(runnable(splitOutsideQuotes(`a;"=1+1";-5;'=2`, ';'))).toEqual(['"=1+1"']);
  });

  it('reads back with "," as the text it was given, apostrophes before formula characters aside', () => {
    const cells = HOSTILE.filter((c) => c !== '');
    const read = parseCsv(
      toCsv(
        ['v'],
        cells.map((c) => [c]),
      ),
      { delimiters: [','] },
    );
    expect(read.records.slice(1).map((r) => r.fields[0]?.replace(/'(?=[\s"]*[\t\r=+\-@])/g, ''))).toEqual(cells);
  });
});
