import { issue, type Issue } from '@shared/issues';
import { AppError, refused } from '../http/app-error';
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

/**
 * One CSV field. Quoted when needed; a value that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) is prefixed with an apostrophe.
 */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  // A number is data, never a formula: -5 stays -5. Only text that a spreadsheet would run is defused.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
