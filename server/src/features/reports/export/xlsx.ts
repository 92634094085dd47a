import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Report, ReportData } from '@shared/schemas/report';
import type { Headings } from './headings';
import type { Column, Table } from './tables';

const FORMATS: Partial<Record<Column['type'], string>> = {
  number: '#,##0.##',
  integer: '0',
  money: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

/** ISO date → a Date at UTC midnight, which exceljs writes as the Excel serial of that day. */
const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

function addTable(book: ExcelJS.stream.xlsx.WorkbookWriter, table: Table, sheetNames: Set<string>) {
  // Sheet names: at most 31 characters, none of []:*?/\ and unique.
  let name =
    table.title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || table.name;
  for (let n = 2; sheetNames.has(name.toLowerCase()); n++) name = `${name.slice(0, 28)} ${n}`;
  sheetNames.add(name.toLowerCase());
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: FORMATS[c.type] ? { numFmt: FORMATS[c.type] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const row of table.rows) {
    const values = row.map((v, i) => (table.columns[i]?.type === 'date' && typeof v === 'string' && v ? excelDate(v) : v));
    sheet.addRow(values).commit();
  }
  sheet.commit();
}

/**
 * Streams the report as a workbook: a summary sheet, then one sheet per table, with
 * numbers, dates and percentages as real typed cells in number formats.
 */
export async function writeReportXlsx(out: Writable, data: ReportData, report: Report | null, tables: Table[], h: Headings): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'Hamkori';
  book.created = new Date(data.compiledAt);
  const summary = book.addWorksheet(h('summary'));
  summary.columns = [{ width: 32 }, { width: 70 }];
  const p = data.project;
  const rows: [string, ExcelJS.CellValue][] = [
    [h('projectId'), p.code],
    [h('title'), p.title],
    ...(report
      ? ([
          [h('report'), report.title],
          [h('kind'), h(`kind_${report.kind}`)],
          [h('period'), `${report.periodStart} – ${report.periodEnd}`],
          [h('status'), h(`report_${report.status}`)],
        ] as [string, ExcelJS.CellValue][])
      : []),
    [report?.frozenAt ? h('frozenAt') : h('liveData'), new Date(report?.frozenAt ?? data.compiledAt)],
    [h('implementingOrg'), p.implementingOrg],
    [h('funder'), p.funder],
    [h('dates'), `${p.plannedStart ?? p.startYear} – ${p.plannedEnd ?? p.endYear}`],
    [`${h('budget')} (${p.budget.currency})`, Number(p.budget.amount)],
    [h('memberStates'), p.memberStates.join(', ')],
    [h('goal'), p.goal],
  ];
  if (data.illustrative) rows.push(['', h('illustrative')]);
  for (const [label, value] of rows) {
    const row = summary.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (value instanceof Date) row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
    if (typeof value === 'number') row.getCell(2).numFmt = '#,##0.00';
    row.commit();
  }
  summary.commit();
  const names = new Set([h('summary').toLowerCase()]);
  for (const t of tables) addTable(book, t, names);
  await book.commit();
}
