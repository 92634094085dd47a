import { toCsv } from '../../../core/tabular';
import type { Table } from './tables';

/**
 * One table as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads
 * Cyrillic right), comma-separated, numbers with a dot, percentages as fractions of 1
 * like the XLSX, and formula-looking text defused by toCsv.
 */
export function tableCsv(table: Table): string {
  return (
    '\uFEFF' +
    toCsv(
      table.columns.map((c) => c.header),
      table.rows.map((r) => r.map((v) => (typeof v === 'number' ? Number(v.toFixed(6)) : v))),
    )
  );
}
