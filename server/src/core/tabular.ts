import type ExcelJS from 'exceljs';
import { issue, type Issue } from '@shared/issues';
import { refused } from '../http/app-error';

/** A table read from an upload: header cells, then data rows (strings, trimmed). */
export type Table = { headers: string[]; rows: string[][] };

const badFile = (problem: Issue) => refused('BAD_REQUEST', problem);

/** One record of a CSV file: its fields as written (not trimmed), and the line it starts on. */
export type CsvRecord = { fields: string[]; line: number };
/** Why reading stopped: a quote never closed, or (strictQuotes) text after a closing quote. */
export type CsvError = { line: number; reason: 'unclosed_quote' | 'text_after_quote'; message: string };
export type CsvParse = { records: CsvRecord[]; error: CsvError | null };

export type CsvOptions = {
  /** The delimiters to choose from: the one found most often on the header line wins, the earlier one a tie. */
  delimiters?: readonly string[];
  /**
   * Text after a closing quote ("ab"c): an error, or kept as part of the field, as
   * spreadsheets read it.
   */
  strictQuotes?: boolean;
};

/** Comma, semicolon (spreadsheets in Russian locales, or set to a decimal comma) or tab. */
const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter a CSV most likely uses, judged from its first line outside quotes. */
function detectDelimiter(text: string, delimiters: readonly string[]): string {
  const counts = new Map<string, number>(delimiters.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  // Map order is the order given, so on a tie the earlier delimiter stays.
  let best = delimiters[0] ?? ',';
  for (const [delimiter, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

/**
 * Reads CSV (RFC 4180: quoted fields with "" for a quote and delimiters and line breaks
 * inside, CR LF, LF or CR line ends) with the delimiter guessed from the header line. A
 * UTF-8 byte-order mark is dropped. Every record is kept, blank ones too, with the line
 * it starts on; reading stops at the first error (a quote never closed, or text after a
 * closing quote when strictQuotes), which says its line.
 */
export function parseCsv(input: string, options: CsvOptions = {}): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text, options.delimiters ?? DELIMITERS);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedField = false;

  const endField = () => {
    fields.push(field);
    field = '';
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    records.push({ fields, line: recordLine });
    fields = [];
  };

  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"' && field === '' && !quotedField) {
      // A quoted field: read to the closing quote.
      quotedField = true;
      const startLine = line;
      i++;
      for (;;) {
        if (i >= text.length) return { records, error: { line: startLine, reason: 'unclosed_quote', message: 'A quoted field is not closed' } };
        const c = text[i] as string;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
        i++;
      }
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (quotedField && options.strictQuotes) return { records, error: { line, reason: 'text_after_quote', message: 'Unexpected text after a closing quote' } };
    field += ch;
    i++;
  }
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return { records, error: null };
}

/** A record with every field empty (a blank line, or a row of empty cells). */
export function isBlankRecord(r: CsvRecord): boolean {
  return r.fields.every((f) => f.trim() === '');
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlinks (emails)
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue); // formulas
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** Reads the first worksheet of an XLSX file. */
export async function parseXlsx(data: Buffer): Promise<string[][]> {
  // Loaded on the first spreadsheet, not at start: the library is tens of MB in memory.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw badFile(issue('file.unreadable_spreadsheet'));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value));
    rows.push(values);
  });
  return rows;
}

const isZip = (data: Buffer) => data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;

/**
 * Reads an uploaded survey: XLSX when the content is a ZIP (judged by the bytes, not the
 * name), otherwise UTF-8 CSV. The first non-empty row is the header; headers must be
 * unique and non-empty. At most maxRows data rows.
 */
export async function readTable(data: Buffer, maxRows: number): Promise<Table> {
  let cells: string[][];
  if (isZip(data)) cells = await parseXlsx(data);
  else {
    const text = data.toString('utf8');
    if (text.includes('\u0000')) throw badFile(issue('file.not_table'));
    const csv = parseCsv(text);
    // Read leniently, a CSV has one error only: a quote never closed.
    if (csv.error) throw badFile(issue('file.unclosed_quote'));
    cells = csv.records.map((r) => r.fields);
  }
  const trimmed = cells.map((r) => r.map((c) => c.trim())).filter((r) => r.some((c) => c !== ''));
  const [header, ...rows] = trimmed;
  if (!header) throw badFile(issue('file.empty'));
  if (rows.length > maxRows) throw badFile(issue('file.too_many_rows', { rows: rows.length, max: maxRows }));
  const headers = header.map((h, i) => h || `Column ${i + 1}`);
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h.toLowerCase())) throw badFile(issue('file.duplicate_header', { header: h }));
    seen.add(h.toLowerCase());
  }
  return { headers, rows };
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
