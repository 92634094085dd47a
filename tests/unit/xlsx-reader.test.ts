import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/src/core/csv';
import { READ_LIMITS, ReadFailureError, type ReadFailure, type ReadLimits } from '../../server/src/core/import-limits';
import { readXlsxCells } from '../../server/src/core/xlsx-reader';
import { zipBytes } from '../factories/files';
import {
  farRightXlsx,
  inflationBombXlsx,
  inlineCell,
  manyRowsXlsx,
  repeatedSharedStringXlsx,
  sheetXml,
  spreadColumnsXlsx,
  xlsxBytes,
  xlsxOfRows,
} from '../factories/spreadsheets';

const LIMITS: ReadLimits = { ...READ_LIMITS, maxRows: 20_000 };
const MB = 1024 * 1024;

/** The failure a read stopped at, and how long it took. */
async function failureOf(read: () => Promise<unknown>): Promise<{ failure: ReadFailure | null; ms: number }> {
  const started = performance.now();
  try {
    await read();
    return { failure: null, ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof ReadFailureError)) throw error;
    return { failure: error.failure, ms: performance.now() - started };
  }
}

describe('readXlsxCells reads values as the spreadsheet shows them', { timeout: 30_000 }, () => {
  it('reads numbers, dates, shared and rich text, hyperlinks, booleans and formula results of a workbook written by a spreadsheet library', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Survey');
    sheet.addRow(['Name', 'Born', 'Share', 'Email', 'Consent date', 'Member', 'Total', 'Note']);
    sheet.addRow([
      'Parvina Yusufova',
      1991,
      0.25,
      { text: 'parvina@example.org', hyperlink: 'mailto:parvina@example.org' },
      new Date(Date.UTC(2026, 0, 15)),
      true,
      { formula: 'B2+1', result: 1992 },
      { richText: [{ text: 'bold ', font: { bold: true } }, { text: 'and plain' }] },
    ]);
    sheet.addRow(['Davron', 1978, null, 'davron@example.org', '20.01.2026', false, { formula: 'B3&"x"', result: '1978x' }, '  padded  ']);
    workbook.addWorksheet('Second').addRow(['not read']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());

    expect(await readXlsxCells(data, LIMITS)).toEqual([
      ['Name', 'Born', 'Share', 'Email', 'Consent date', 'Member', 'Total', 'Note'],
      ['Parvina Yusufova', '1991', '0.25', 'parvina@example.org', '2026-01-15', 'true', '1992', 'bold and plain'],
      ['Davron', '1978', '', 'davron@example.org', '20.01.2026', 'false', '1978x', 'padded'],
    ]);
  });

  it('reads inline strings, a custom date format, the 1904 date system off, and cells without references in order', async () => {
    const styles = `<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="4"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const sheet = sheetXml(
      `<row r="1">${inlineCell('A1', 'Name')}<c t="inlineStr"><is><r><t>Da</t></r><r><t>te</t></r><rPh><t>phonetic</t></rPh></is></c><c r="C1" t="inlineStr"><is><t>Amount</t></is></c></row>` +
        `<row r="2">${inlineCell('A2', 'Zarina')}<c r="B2" s="1"><v>46037</v></c><c r="C2" s="2"><v>1234.5</v></c></row>` +
        `<row r="3">${inlineCell('A3', 'Rustam')}<c r="B3" s="3"><v>45658</v></c><c r="C3" t="e"><v>#DIV/0!</v></c></row>`,
    );
    expect(await readXlsxCells(xlsxBytes({ sheet, styles }), LIMITS)).toEqual([
      ['Name', 'Date', 'Amount'],
      ['Zarina', '2026-01-15', '1234.5'],
      ['Rustam', '2025-01-01', ''],
    ]);
  });

  it('keeps only the columns holding a value, in sheet order, and leaves out rows with none', async () => {
    const sheet = sheetXml(
      `<row r="1">${inlineCell('B1', 'Name')}${inlineCell('AA1', 'Email')}<c r="Z1" s="0"/></row><row r="2"><c r="C2"/></row><row r="9">${inlineCell('B9', 'Sino')}${inlineCell('XFD9', 'far')}</row>`,
    );
    expect(await readXlsxCells(xlsxBytes({ sheet }), LIMITS)).toEqual([
      ['Name', 'Email', ''],
      ['Sino', '', 'far'],
    ]);
  });
});

describe('readXlsxCells bounds its work', { timeout: 30_000 }, () => {
  it('reads 2,000 rows whose one cell sits in the last column (XFD) as a one-column table, quickly', async () => {
    const { failure, ms } = await failureOf(async () => expect(await readXlsxCells(farRightXlsx(2_000), LIMITS)).toHaveLength(2_000));
    expect(failure).toBeNull();
    expect(ms).toBeLessThan(2_000);
    const cells = await readXlsxCells(farRightXlsx(3), LIMITS);
    expect(cells).toEqual([['Name'], ['Person 1'], ['Person 2']]);
  });

  it('refuses more columns holding values than the limit, counting cells that exist, never the width a reference implies', async () => {
    expect(await failureOf(() => readXlsxCells(spreadColumnsXlsx(LIMITS.maxColumns), LIMITS))).toMatchObject({ failure: null });
    const { failure, ms } = await failureOf(() => readXlsxCells(spreadColumnsXlsx(2_000), LIMITS));
    expect(failure).toEqual({ reason: 'too_many_columns', max: 100 });
    expect(ms).toBeLessThan(2_000);
  });

  it('refuses more data rows than asked for, and reads exactly that many', async () => {
    const limits = { ...LIMITS, maxRows: 500 };
    expect(await readXlsxCells(manyRowsXlsx(500), limits)).toHaveLength(501);
    expect((await failureOf(() => readXlsxCells(manyRowsXlsx(501), limits))).failure).toEqual({ reason: 'too_many_rows', max: 500 });
  });

  it('refuses more filled cells than the limit', async () => {
    const limits = { ...LIMITS, maxCells: 1_000 };
    expect((await failureOf(() => readXlsxCells(manyRowsXlsx(999), limits))).failure).toBeNull();
    expect((await failureOf(() => readXlsxCells(manyRowsXlsx(1_000), limits))).failure).toEqual({ reason: 'too_many_cells', max: 1_000 });
  });

  it('refuses a sheet declaring that it inflates past the limit without inflating it', async () => {
    const bomb = await inflationBombXlsx(200 * MB, { lie: false });
    expect(bomb.length).toBeLessThan(400 * 1024);
    const { failure, ms } = await failureOf(() => readXlsxCells(bomb, LIMITS));
    expect(failure).toEqual({ reason: 'inflated_too_large', maxBytes: 50 * MB });
    expect(ms).toBeLessThan(500);
  });

  it('refuses a sheet that lies about its size the moment its inflated bytes pass the limit, before parsing any of it', async () => {
    const bomb = await inflationBombXlsx(200 * MB, { lie: true });
    const { failure, ms } = await failureOf(() => readXlsxCells(bomb, LIMITS));
    expect(failure).toEqual({ reason: 'inflated_too_large', maxBytes: 50 * MB });
    expect(ms).toBeLessThan(3_000);
  });

  it('counts a shared string again each time a cell takes it', async () => {
    const { failure, ms } = await failureOf(() => readXlsxCells(repeatedSharedStringXlsx(MB, 2, 60), LIMITS));
    expect(failure).toEqual({ reason: 'inflated_too_large', maxBytes: 50 * MB });
    expect(ms).toBeLessThan(2_000);
  });

  it.each([
    { name: 'a ZIP without a workbook', data: zipBytes([{ name: 'word/document.xml', content: '<w:document/>' }]) },
    { name: 'a truncated ZIP', data: xlsxOfRows([['Name'], ['Zarina']]).subarray(0, 200) },
    { name: 'a sheet that is not XML', data: xlsxBytes({ sheet: 'not < xml &' }) },
    {
      name: 'a sheet declaring entities',
      data: xlsxBytes({
        sheet:
          '<!DOCTYPE w [<!ENTITY a "aaaaaaaa">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>',
      }),
    },
  ])('refuses $name as unreadable', async ({ data }) => {
    expect((await failureOf(() => readXlsxCells(data, LIMITS))).failure).toEqual({ reason: 'unreadable_spreadsheet' });
  });
});

describe('parseCsv with limits', () => {
  const limits = { maxRows: 3, maxColumns: 4, maxCells: 18 };
  const stopped = (text: string) => {
    try {
      parseCsv(text, { limits });
      return null;
    } catch (error) {
      if (error instanceof ReadFailureError) return error.failure;
      throw error;
    }
  };

  it('reads up to the limits; a blank line is one cell, not a row', () => {
    expect(stopped('a,b,c,d\n1,2,3,4\n\n\n5,6,7,8\n9,10,11,12\n')).toBeNull();
  });

  it('stops at a record with more fields than the column limit, at more records holding a value than the rows, and at more fields than the cells', () => {
    expect(stopped('a,b,c,d,e\n')).toEqual({ reason: 'too_many_columns', max: 4 });
    expect(stopped(`a\n${'x\n'.repeat(4)}`)).toEqual({ reason: 'too_many_rows', max: 3 });
    expect(stopped('a,b,c,d\n1,2,3,4\n5,6,7,8\n9,10,11\n\n\n\n\n')).toEqual({ reason: 'too_many_cells', max: 18 });
  });

  it('stops a line of a million delimiters at the column limit, quickly', () => {
    const started = performance.now();
    expect(stopped(','.repeat(1_000_000))).toEqual({ reason: 'too_many_columns', max: 4 });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
