import { parseCsv, type CsvOptions, type CsvParse } from './csv';
import { fail, READ_LIMITS, type ReadLimits } from './import-limits';
import { readXlsxCells } from './xlsx-reader';

/**
 * What the parse worker does with an upload. Nothing here imports the app (the worker
 * loads only this and what it imports); failures are ReadFailureErrors, which the
 * worker sends back as data and the app turns into its answers.
 */

/** A table read from an upload: header cells, then data rows (strings, trimmed). */
export type Table = { headers: string[]; rows: string[][] };

/** The work a worker is given. */
export type ParseJob =
  { kind: 'table'; data: Uint8Array; maxRows: number } | { kind: 'csv'; text: string; options: Omit<CsvOptions, 'limits'>; maxRows: number };

const isZip = (data: Uint8Array) => data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;

const limitsFor = (maxRows: number): ReadLimits => ({ ...READ_LIMITS, maxRows });

/**
 * Reads an uploaded table: XLSX when the content is a ZIP (judged by the bytes, not the
 * name), otherwise UTF-8 CSV. The first non-empty row is the header; headers must be
 * unique and non-empty. Rows, columns, cells and (XLSX) inflated bytes are limited.
 */
export async function readTableNow(data: Uint8Array, maxRows: number): Promise<Table> {
  const limits = limitsFor(maxRows);
  let cells: string[][];
  if (isZip(data)) cells = await readXlsxCells(data, limits);
  else {
    const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    if (text.includes('\u0000')) fail({ reason: 'not_table' });
    const csv = parseCsv(text, { limits });
    // Read leniently, a CSV has one error only: a quote never closed.
    if (csv.error) fail({ reason: 'unclosed_quote' });
    cells = csv.records.map((r) => r.fields);
  }
  const trimmed = cells.map((r) => r.map((c) => c.trim())).filter((r) => r.some((c) => c !== ''));
  const [header, ...rows] = trimmed;
  if (!header) return fail({ reason: 'empty' });
  const headers = header.map((h, i) => h || `Column ${i + 1}`);
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h.toLowerCase())) fail({ reason: 'duplicate_header', header: h });
    seen.add(h.toLowerCase());
  }
  return { headers, rows };
}

/** Runs one job where it is called: in the parse worker, or in a test of the readers. */
export async function runParseJob(job: ParseJob): Promise<Table | CsvParse> {
  if (job.kind === 'table') return readTableNow(job.data, job.maxRows);
  return parseCsv(job.text, { ...job.options, limits: limitsFor(job.maxRows) });
}
