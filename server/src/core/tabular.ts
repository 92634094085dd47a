import { issue, type Issue } from '@shared/issues';
import { AppError, refused } from './errors';
import type { CsvOptions, CsvParse } from './csv';
import type { ReadFailure } from './import-limits';
import { ParseFailure, parsePool } from './parse-pool';
import type { Table } from './table-reader';

export { isBlankRecord, parseCsv, type CsvError, type CsvOptions, type CsvParse, type CsvRecord } from './csv';
export type { Table } from './table-reader';

const MB = 1024 * 1024;
const tooLarge = (rule: Issue) => refused('PAYLOAD_TOO_LARGE', rule);
const badFile = (rule: Issue) => refused('BAD_REQUEST', rule);

/** The answer to a file the reader stopped at: 413 for a limit passed, 400 for a file that is not a table. */
export function refusalOf(failure: ReadFailure): AppError {
  switch (failure.reason) {
    case 'too_many_rows':
      return tooLarge(issue('import.too_many_rows', { max: failure.max }));
    case 'too_many_columns':
      return tooLarge(issue('import.too_many_columns', { max: failure.max }));
    case 'too_many_cells':
      return tooLarge(issue('import.too_many_cells', { max: failure.max }));
    case 'inflated_too_large':
      return tooLarge(issue('import.inflated_too_large', { maxMb: Math.round(failure.maxBytes / MB) }));
    case 'unreadable_spreadsheet':
      return badFile(issue('file.unreadable_spreadsheet'));
    case 'not_table':
      return badFile(issue('file.not_table'));
    case 'unclosed_quote':
      return badFile(issue('file.unclosed_quote'));
    case 'empty':
      return badFile(issue('file.empty'));
    case 'duplicate_header':
      return badFile(issue('file.duplicate_header', { header: failure.header }));
  }
}

const refuseFailures = (error: unknown): never => {
  throw error instanceof ParseFailure ? refusalOf(error.failure) : error;
};

/**
 * Reads an uploaded table in the parse worker: XLSX when the content is a ZIP (judged by
 * the bytes, not the name), otherwise UTF-8 CSV. The first non-empty row is the header;
 * headers must be unique and non-empty. At most maxRows data rows, and the limits of
 * import-limits.ts on columns, cells and inflated size (413 beyond each); a file that is
 * not a table is 400.
 */
export async function readTable(data: Buffer, maxRows: number): Promise<Table> {
  // The worker takes its own copy: an upload's buffer may share memory with others.
  const job = { kind: 'table' as const, data: new Uint8Array(data), maxRows };
  return (await parsePool.run(job).catch(refuseFailures)) as Table;
}

/**
 * Reads CSV records in the parse worker (parseCsv with the options given), with at most
 * maxRows records holding a value under the header and the column and cell limits of
 * import-limits.ts (413 beyond each).
 */
export async function readCsvRecords(text: string, options: Omit<CsvOptions, 'limits'>, maxRows: number): Promise<CsvParse> {
  return (await parsePool.run({ kind: 'csv', text, options, maxRows }).catch(refuseFailures)) as CsvParse;
}

/** Text starting with a tab or CR: a spreadsheet may run what follows it. */
const CONTROL_START = /^[\t\r]/;
/**
 * A formula character where a reading of the line may start a cell: at the start of the
 * text, or after a separator of any locale (comma, semicolon, tab) or a line break, with
 * spaces and quotes between. A spreadsheet that takes a comma-separated file as
 * semicolon-separated honours quotes only at the start of a cell, so "a;=1+1" in the
 * middle of a line would otherwise start a cell at "=1+1" whether quoted or not.
 */
const FORMULA_AT_CELL_START = /(^|[,;\t\r\n])([\s"]*)(?=[=+\-@])/g;
/** Text that is quoted: a separator of any locale, a quote, a line break or a formula character. */
const NEEDS_QUOTES = /[,;\t"\r\n=+\-@]/;

/**
 * One CSV field. Numbers are written as numbers. Text gets an apostrophe before every
 * formula character that could begin a cell (OWASP's defusing, applied at each separator
 * too), and is quoted when it holds a separator, quote, line break or formula character.
 */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  // A number is data, never a formula: -5 stays -5. Only text that a spreadsheet would run is defused.
  if (typeof value === 'number') return String(value);
  const s = (CONTROL_START.test(value) ? `'${value}` : value).replace(FORMULA_AT_CELL_START, "$1$2'");
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
