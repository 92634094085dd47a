import { describe, expect, it } from 'vitest';
import { isBlankRecord, parseCsv, readTable } from '../../server/src/core/tabular';

/** The ledger import's reading: comma or semicolon, and nothing after a closing quote. */
const LEDGER = { delimiters: [',', ';'], strictQuotes: true } as const;

const fieldsOf = (input: string, options = {}) => parseCsv(input, options).records.map((r) => r.fields);

describe('parseCsv', () => {
  it.each([
    {
      name: 'drops a leading byte-order mark',
      input: '\uFEFFa,b\n1,2\n',
      expected: [
        ['a', 'b'],
        ['1', '2'],
      ],
    },
    {
      name: 'ends records at CR LF, LF or CR alike',
      input: 'a,b\r\n1,2\n3,4\r5,6',
      expected: [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
        ['5', '6'],
      ],
    },
    {
      name: 'keeps delimiters, line breaks and doubled quotes inside quoted fields',
      input: 'a,b\n"x, y","say ""hi""\r\nagain"\n',
      expected: [
        ['a', 'b'],
        ['x, y', 'say "hi"\r\nagain'],
      ],
    },
    {
      name: 'takes a quote inside an unquoted field as text',
      input: 'a,b\n5" pipe,x\n',
      expected: [
        ['a', 'b'],
        ['5" pipe', 'x'],
      ],
    },
    { name: 'keeps blank lines as records of one empty field', input: 'a\n\nb\n', expected: [['a'], [''], ['b']] },
    {
      name: 'keeps a quoted empty field on the last line',
      input: 'a,b\n1,""',
      expected: [
        ['a', 'b'],
        ['1', ''],
      ],
    },
    { name: 'keeps fields as written, spaces and all', input: ' a , b \n', expected: [[' a ', ' b ']] },
  ])('$name', ({ input, expected }) => {
    expect(parseCsv(input)).toEqual({ records: expected.map((fields) => expect.objectContaining({ fields })), error: null });
    expect(fieldsOf(input, LEDGER)).toEqual(expected);
  });

  it('numbers each record by the line it starts on, past line breaks inside quotes', () => {
    const { records } = parseCsv('a,b\r\n"one\r\ntwo\nthree",x\r\n\r\nc,d\n', LEDGER);
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 6]);
  });

  it.each([
    { name: 'a comma header', header: 'a,b;c', all: ',', ledger: ',' },
    { name: 'a semicolon header (a decimal-comma spreadsheet)', header: 'a;b;c,d', all: ';', ledger: ';' },
    { name: 'as many commas as semicolons', header: 'a,b;c', all: ',', ledger: ',' },
    { name: 'a tab header', header: 'a\tb\tc', all: '\t', ledger: ',' },
    { name: 'delimiters inside quotes, which do not count', header: '"a;b;c",d', all: ',', ledger: ',' },
    { name: 'a single column', header: 'name', all: ',', ledger: ',' },
  ])('guesses the delimiter from $name: by default comma, semicolon or tab; for the ledger comma or semicolon', ({ header, all, ledger }) => {
    const split = (delimiter: string) => header.replace(/"[^"]*"/g, 'Q').split(delimiter).length;
    expect(parseCsv(`${header}\n`).records[0]?.fields).toHaveLength(split(all));
    expect(parseCsv(`${header}\n`, LEDGER).records[0]?.fields).toHaveLength(split(ledger));
  });

  it('reads text after a closing quote into the field by default, as spreadsheets do', () => {
    expect(parseCsv('a,b\n"x"y,z\n')).toEqual({ records: [expect.anything(), { fields: ['xy', 'z'], line: 2 }], error: null });
  });

  it('with strictQuotes, stops at text after a closing quote and says its line', () => {
    const parsed = parseCsv('a,b\n1,2\n"x"y,z\n', LEDGER);
    expect(parsed.records).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
    ]);
    expect(parsed.error).toMatchObject({ line: 3, reason: 'text_after_quote' });
    expect(parseCsv('a\n"multi\nline" \n', LEDGER).error).toMatchObject({ line: 3, reason: 'text_after_quote' });
  });

  it('stops at a quote never closed and says the line it opened on', () => {
    for (const options of [{}, LEDGER]) {
      expect(parseCsv('a,b\n1,"2\n3,4\n', options).error).toMatchObject({ line: 2, reason: 'unclosed_quote' });
    }
  });

  it('reads an empty text as no records', () => {
    expect(parseCsv('')).toEqual({ records: [], error: null });
    expect(parseCsv('\uFEFF')).toEqual({ records: [], error: null });
  });
});

describe('isBlankRecord', () => {
  it('is true of a record whose every field is empty or white space, and only of such', () => {
    expect(isBlankRecord({ fields: [''], line: 1 })).toBe(true);
    expect(isBlankRecord({ fields: [' ', '\t', ''], line: 1 })).toBe(true);
    expect(isBlankRecord({ fields: ['', 'x'], line: 1 })).toBe(false);
  });
});

// readTable reads in a worker thread, started on first use.
describe('readTable', { timeout: 30_000 }, () => {
  it('reads a CSV into trimmed headers and rows, leaving out blank and empty rows', async () => {
    const table = await readTable(Buffer.from('\uFEFFName ; Born\r\n\r\n Zarina ;1990\r\n ; \r\n"Rustam; Jr";"1984"\r\n'), 10);
    expect(table).toEqual({
      headers: ['Name', 'Born'],
      rows: [
        ['Zarina', '1990'],
        ['Rustam; Jr', '1984'],
      ],
    });
  });

  it('refuses a CSV with a quote never closed with 400', async () => {
    await expect(readTable(Buffer.from('Name\r\n"Unclosed'), 10)).rejects.toMatchObject({
      status: 400,
      message: 'The CSV file has a quote that is never closed',
    });
  });
});
