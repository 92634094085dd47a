import { fail, type ReadLimits } from './import-limits';
import { endsWithType, localName, parseEntry, relationshipsOf, resolvePath } from './xlsx-parts';
import { charge, measureEntries, readCentralDirectory, unreadable, type InflateBudget } from './zip-archive';

/**
 * Reads the first worksheet of an XLSX file with bounded work (decision 013). Only the
 * parts needed are inflated (workbook, its relationships, styles, shared strings, the
 * sheet): each first as a stream whose bytes are counted against one budget and kept
 * nowhere, then again, its XML parsed as it arrives. Cells are kept sparsely, by the columns that hold a value: a
 * reference such as XFD1 costs one cell, never a row 16,384 wide. Everything is counted
 * as it is read, and reading stops at the first limit passed. Nothing here trusts a size
 * the file declares, except to refuse early.
 */

/** Numeric formats that show a date; an id below 164 is one of the built-in formats. */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/** A custom format shows a date when, outside quoted text and [colour/locale] parts, it has date or time letters. */
const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** A serial day number as YYYY-MM-DD, as the spreadsheet shows a date. */
function serialDate(serial: number, date1904: boolean): string | null {
  const date = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** Column letters of a cell reference (A1 → 0, XFD7 → 16383); null when it has none. */
function columnOf(reference: string): number | null {
  let column = 0;
  let letters = 0;
  for (; letters < reference.length && letters < 4; letters++) {
    const code = reference.charCodeAt(letters) | 0x20; // lower case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return letters === 0 ? null : column - 1;
}

/** A row holding a value: its columns and their values side by side. */
type SparseRow = { columns: number[]; values: string[] };
/** A cell being read: its column, type (t), style index (s), the text of its value and of an inline string. */
type Cell = { column: number; type: string; style: number; value: string; inline: string };

/**
 * The cells of the first worksheet holding a value, as rows of text (trimmed; rows with
 * no value left out), with the columns holding a value side by side in their order.
 */
export async function readXlsxCells(bytes: Uint8Array, limits: ReadLimits): Promise<string[][]> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(data);
  const budget: InflateBudget = { used: 0, max: limits.maxInflatedBytes };

  const root = await relationshipsOf(data, entries, '_rels/.rels', budget);
  const workbookPath = resolvePath('', root.find((r) => endsWithType(r.type, 'officeDocument'))?.target ?? 'xl/workbook.xml');
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const workbookEntry = entries.get(workbookPath) ?? unreadable();
  const workbookRels = await relationshipsOf(data, entries, `${folder}_rels/${workbookPath.slice(folder.length)}.rels`, budget);

  let date1904 = false;
  const sheetIds: string[] = [];
  await measureEntries(data, [workbookEntry], budget);
  await parseEntry(data, workbookEntry, {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet') {
        const id = Object.entries(a).find(([key]) => localName(key) === 'id' && key.includes(':'))?.[1];
        if (id) sheetIds.push(id);
      }
    },
  });
  // The first sheet in the workbook's order that is a worksheet (not a chart), looked up by id.
  const worksheets = new Map(workbookRels.filter((r) => endsWithType(r.type, 'worksheet')).map((r) => [r.id, r]));
  const sheetRel = sheetIds.map((id) => worksheets.get(id)).find((r) => r !== undefined);
  if (!sheetRel) return [];
  const sheetEntry = entries.get(resolvePath(folder, sheetRel.target)) ?? unreadable();
  const partOf = (kind: string) => {
    const rel = workbookRels.find((r) => endsWithType(r.type, kind));
    return rel ? entries.get(resolvePath(folder, rel.target)) : undefined;
  };
  const stylesEntry = partOf('styles');
  const sharedStringsEntry = partOf('sharedStrings');

  // Refused at once when the parts declare more than the limit, then when they really inflate to more.
  const large = [stylesEntry, sharedStringsEntry, sheetEntry].filter((e) => e !== undefined);
  if (large.reduce((sum, e) => sum + e.size, budget.used) > budget.max) fail({ reason: 'inflated_too_large', maxBytes: budget.max });
  await measureEntries(data, large, budget);

  const dateStyles: boolean[] = [];
  if (stylesEntry) {
    const customFormats = new Map<number, string>();
    const formatIds: number[] = [];
    let inCellXfs = false;
    await parseEntry(data, stylesEntry, {
      open: (name, a) => {
        if (name === 'numFmt') customFormats.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) formatIds.push(Number(a.numFmtId ?? 0));
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
    });
    for (const id of formatIds) {
      const custom = customFormats.get(id);
      dateStyles.push(custom !== undefined ? isDateFormat(custom) : BUILTIN_DATE_FORMATS.has(id));
    }
  }

  const sharedStrings: string[] = [];
  if (sharedStringsEntry) {
    let current: string | null = null;
    let inText = false;
    let phonetic = 0;
    await parseEntry(data, sharedStringsEntry, {
      open: (name) => {
        if (name === 'si') current = '';
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && current !== null && phonetic === 0) inText = true;
      },
      text: (text) => {
        if (inText) current += text;
      },
      close: (name) => {
        if (name === 't') inText = false;
        else if (name === 'rPh') phonetic--;
        else if (name === 'si' && current !== null) {
          if (sharedStrings.length >= limits.maxCells) fail({ reason: 'too_many_cells', max: limits.maxCells });
          sharedStrings.push(current);
          current = null;
        }
      },
    });
  }

  const rows: SparseRow[] = [];
  const usedColumns = new Set<number>();
  const maxRowsWithHeader = limits.maxRows + 1;
  let cells = 0;
  let row: SparseRow | null = null;
  let nextColumn = 0;
  let cell: Cell | null = null;
  let capture: 'v' | 't' | null = null;
  let phonetic = 0;

  const valueOf = (c: Cell): string => {
    switch (c.type) {
      case 's': {
        const text = sharedStrings[Number.parseInt(c.value, 10)] ?? '';
        // A shared string repeated in many cells is text taken again each time.
        charge(budget, text.length);
        return text;
      }
      case 'inlineStr':
        return c.inline;
      case 'str':
        return c.value;
      case 'b':
        return c.value.trim() === '' ? '' : Number.parseInt(c.value, 10) !== 0 ? 'true' : 'false';
      case 'e':
        return '';
      case 'd':
        return c.value.slice(0, 10);
      default: {
        if (c.value.trim() === '') return '';
        const number = Number.parseFloat(c.value);
        if (!Number.isFinite(number)) return c.value;
        return (dateStyles[c.style] && serialDate(number, date1904)) || String(number);
      }
    }
  };

  await parseEntry(data, sheetEntry, {
    open: (name, a) => {
      if (name === 'row') {
        row = { columns: [], values: [] };
        nextColumn = 0;
      } else if (name === 'c' && row) {
        const column = columnOf(a.r ?? '') ?? nextColumn;
        cell = { column, type: a.t ?? 'n', style: Number(a.s ?? 0), value: '', inline: '' };
      } else if (cell) {
        if (name === 'v') capture = 'v';
        else if (name === 'rPh') phonetic++;
        else if (name === 't' && phonetic === 0) capture = 't';
      }
    },
    text: (text) => {
      if (!cell || capture === null) return;
      if (capture === 'v') cell.value += text;
      else cell.inline += text;
    },
    close: (name) => {
      if (name === 'v' || name === 't') capture = null;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && cell && row) {
        const value = valueOf(cell).trim();
        nextColumn = cell.column + 1;
        if (value !== '') {
          if (++cells > limits.maxCells) fail({ reason: 'too_many_cells', max: limits.maxCells });
          usedColumns.add(cell.column);
          if (usedColumns.size > limits.maxColumns) fail({ reason: 'too_many_columns', max: limits.maxColumns });
          row.columns.push(cell.column);
          row.values.push(value);
        }
        cell = null;
      } else if (name === 'row' && row) {
        if (row.values.length > 0) {
          if (rows.length >= maxRowsWithHeader) fail({ reason: 'too_many_rows', max: limits.maxRows });
          rows.push(row);
        }
        row = null;
      }
    },
  });

  // The table has as many columns as hold a value, in sheet order, and no more.
  const position = new Map([...usedColumns].sort((a, b) => a - b).map((column, i) => [column, i]));
  return rows.map(({ columns, values }) => {
    const dense = new Array<string>(position.size).fill('');
    columns.forEach((column, i) => {
      dense[position.get(column) as number] = values[i] as string;
    });
    return dense;
  });
}
