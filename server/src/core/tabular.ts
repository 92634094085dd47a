import type ExcelJS from 'exceljs';
import { AppError } from '../http/app-error';

/** A table read from an upload: header cells, then data rows (strings, trimmed). */
export type Table = { headers: string[]; rows: string[][] };

const badFile = (message: string) => new AppError('BAD_REQUEST', message);

/** The delimiter a CSV most likely uses, judged from its first line outside quotes. */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

/**
 * Parses CSV (RFC 4180: quoted fields, doubled quotes, CR LF or LF line ends) with the
 * delimiter guessed from the header line: comma, semicolon (spreadsheets in Russian
 * locales) or tab. A UTF-8 byte-order mark is dropped. Blank lines are skipped.
 */
export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else field += ch;
    i += 1;
  }
  if (quoted) throw badFile('The CSV file has a quote that is never closed');
  if (field !== '' || row.length) endRow();
  return rows;
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
    throw badFile('The spreadsheet could not be read; save it as .xlsx or .csv and try again');
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
    if (text.includes('\u0000')) throw badFile('The file is neither CSV text nor an XLSX spreadsheet');
    cells = parseCsv(text);
  }
  const trimmed = cells.map((r) => r.map((c) => c.trim())).filter((r) => r.some((c) => c !== ''));
  const [header, ...rows] = trimmed;
  if (!header) throw badFile('The file is empty');
  if (rows.length > maxRows) throw badFile(`The file has ${rows.length} rows; at most ${maxRows} can be imported at once`);
  const headers = header.map((h, i) => h || `Column ${i + 1}`);
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h.toLowerCase())) throw badFile(`Two columns are headed "${h}"; give each column its own header`);
    seen.add(h.toLowerCase());
  }
  return { headers, rows };
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
