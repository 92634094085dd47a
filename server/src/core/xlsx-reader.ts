import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { fail, ReadFailureError, type ReadLimits } from './import-limits';

/**
 * Reads the first worksheet of an XLSX file with bounded work (decision 013). Only the
 * parts needed are inflated (workbook, its relationships, styles, shared strings, the
 * sheet), each as a stream whose bytes are counted against one budget, and the XML is
 * parsed as it arrives. Cells are kept sparsely, by the columns that hold a value: a
 * reference such as XFD1 costs one cell, never a row 16,384 wide. Everything is counted
 * as it is read, and reading stops at the first limit passed. Nothing here trusts a size
 * the file declares, except to refuse early.
 */

type ZipEntry = { name: string; method: number; flags: number; compressedSize: number; size: number; localOffset: number };

const unreadable = () => fail({ reason: 'unreadable_spreadsheet' });
const CHUNK = 64 * 1024;
/** A workbook has dozens of parts; far more is not a spreadsheet. */
const MAX_ENTRIES = 10_000;
const U32_MAX = 0xffffffff;

function findEndOfCentralDirectory(data: Buffer): number {
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= lowest; at--) {
    if (data.readUInt32LE(at) === 0x06054b50) return at;
  }
  return unreadable();
}

/** The ZIP's central directory: every entry's name, method, sizes and where its data is. */
function readCentralDirectory(data: Buffer): Map<string, ZipEntry> {
  if (data.length < 22) unreadable();
  const end = findEndOfCentralDirectory(data);
  let count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  if (count === 0xffff || offset === U32_MAX) {
    // ZIP64: the end record's locator sits just before it.
    const locator = end - 20;
    if (locator < 0 || data.readUInt32LE(locator) !== 0x07064b50) unreadable();
    const record = Number(data.readBigUInt64LE(locator + 8));
    if (record + 56 > data.length || data.readUInt32LE(record) !== 0x06064b50) unreadable();
    count = Number(data.readBigUInt64LE(record + 32));
    offset = Number(data.readBigUInt64LE(record + 48));
  }
  if (count > MAX_ENTRIES) unreadable();
  const entries = new Map<string, ZipEntry>();
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) unreadable();
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength > data.length) unreadable();
    const entry: ZipEntry = {
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
      flags: data.readUInt16LE(at + 8),
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      size: data.readUInt32LE(at + 24),
      localOffset: data.readUInt32LE(at + 42),
    };
    readZip64Extra(data.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entries.set(entry.name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets too large for 32 bits are in the ZIP64 extra field, in this order, only those that overflowed. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) return unreadable();
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === U32_MAX) entry.size = next();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
      if (entry.localOffset === U32_MAX) entry.localOffset = next();
      return;
    }
    at += 4 + length;
  }
}

/** The bytes inflated so far from every part read, against the one limit. */
type Budget = { used: number; max: number };

const charge = (budget: Budget, amount: number) => {
  budget.used += amount;
  if (budget.used > budget.max) fail({ reason: 'inflated_too_large', maxBytes: budget.max });
};

/**
 * Inflates one entry as a stream and hands its bytes to `take` a chunk at a time; a throw
 * from `take` stops the inflation there and rejects with it.
 */
function inflateEntry(data: Buffer, entry: ZipEntry, take: (bytes: Buffer) => void): Promise<void> {
  if (entry.flags & 0x1) unreadable(); // encrypted
  if (entry.localOffset + 30 > data.length || data.readUInt32LE(entry.localOffset) !== 0x04034b50) unreadable();
  const start = entry.localOffset + 30 + data.readUInt16LE(entry.localOffset + 26) + data.readUInt16LE(entry.localOffset + 28);
  if (start + entry.compressedSize > data.length) unreadable();
  const compressed = data.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    for (let at = 0; at < compressed.length; at += CHUNK) take(compressed.subarray(at, at + CHUNK));
    return Promise.resolve();
  }
  if (entry.method !== 8) unreadable();
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: CHUNK });
    let settled = false;
    const stop = (error: unknown) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      reject(error);
    };
    inflate.on('data', (bytes: Buffer) => {
      if (settled) return;
      try {
        take(bytes);
      } catch (error) {
        stop(error);
      }
    });
    inflate.on('error', () => stop(new ReadFailureError({ reason: 'unreadable_spreadsheet' })));
    inflate.on('end', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    inflate.end(compressed);
  });
}

/**
 * Counts what the entries really inflate to (not the sizes they declare), keeping
 * nothing, and stops the moment the count passes the budget. Inflating is far cheaper
 * than parsing, so a file that unpacks to too much is refused before any of it is parsed.
 */
async function measureEntries(data: Buffer, entries: ZipEntry[], budget: Budget): Promise<void> {
  for (const entry of entries) await inflateEntry(data, entry, (bytes) => charge(budget, bytes.length));
}

type XmlHandlers = {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

/** The name without its namespace prefix: writers use `x:c` as well as `c`. */
const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * Parses one part's XML as it is inflated, counting its bytes against `budget` when given
 * (a part not measured before). A part that is not well-formed XML, or that declares a
 * document type (entities are never expanded), is an unreadable file; a limit passed
 * inside a handler stops reading with its own failure.
 */
async function parseEntry(data: Buffer, entry: ZipEntry, budget: Budget | null, handlers: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ position: false, xmlns: false });
  const { open, close, text } = handlers;
  if (open) parser.on('opentag', (tag: SaxesTagPlain) => open(localName(tag.name), tag.attributes));
  if (close) parser.on('closetag', (tag: SaxesTagPlain) => close(localName(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  parser.on('doctype', () => unreadable());
  const guard = (step: () => void) => {
    try {
      step();
    } catch (error) {
      throw error instanceof ReadFailureError ? error : new ReadFailureError({ reason: 'unreadable_spreadsheet' });
    }
  };
  const decoder = new StringDecoder('utf8');
  await inflateEntry(data, entry, (bytes) => {
    if (budget) charge(budget, bytes.length);
    const text = decoder.write(bytes);
    if (text) guard(() => parser.write(text));
  });
  const rest = decoder.end();
  guard(() => {
    if (rest) parser.write(rest);
    parser.close();
  });
}

/** Numeric formats that show a date; an id below 164 is one of the built-in formats. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

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

const relationshipsOf = async (data: Buffer, entries: Map<string, ZipEntry>, path: string, budget: Budget) => {
  const relationships: { id: string; type: string; target: string }[] = [];
  const entry = entries.get(path);
  if (!entry) return relationships;
  await parseEntry(data, entry, budget, {
    open: (name, a) => {
      if (name === 'Relationship') relationships.push({ id: a.Id ?? '', type: a.Type ?? '', target: a.Target ?? '' });
    },
  });
  return relationships;
};

/** A relationship target as a path in the ZIP: absolute from the root, or relative to the part's folder. */
function resolvePath(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${folder}${target}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** A row holding a value: its columns and their values side by side. */
type SparseRow = { columns: number[]; values: string[] };
/** A cell being read: its column, type (t), style index (s), the text of its value and of an inline string. */
type Cell = { column: number; type: string; style: number; value: string; inline: string };

const endsWithType = (type: string, kind: string) => type.endsWith(`/${kind}`);

/**
 * The cells of the first worksheet holding a value, as rows of text (trimmed; rows with
 * no value left out), with the columns holding a value side by side in their order.
 */
export async function readXlsxCells(bytes: Uint8Array, limits: ReadLimits): Promise<string[][]> {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(data);
  const budget: Budget = { used: 0, max: limits.maxInflatedBytes };

  const root = await relationshipsOf(data, entries, '_rels/.rels', budget);
  const workbookPath = resolvePath('', root.find((r) => endsWithType(r.type, 'officeDocument'))?.target ?? 'xl/workbook.xml');
  const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const workbookEntry = entries.get(workbookPath) ?? unreadable();
  const workbookRels = await relationshipsOf(data, entries, `${folder}_rels/${workbookPath.slice(folder.length)}.rels`, budget);

  let date1904 = false;
  const sheetIds: string[] = [];
  await parseEntry(data, workbookEntry, budget, {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name === 'sheet') {
        const id = Object.entries(a).find(([key]) => localName(key) === 'id' && key.includes(':'))?.[1];
        if (id) sheetIds.push(id);
      }
    },
  });
  const worksheets = workbookRels.filter((r) => endsWithType(r.type, 'worksheet'));
  const sheetRel = sheetIds.map((id) => worksheets.find((r) => r.id === id)).find((r) => r !== undefined);
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
    await parseEntry(data, stylesEntry, null, {
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
    await parseEntry(data, sharedStringsEntry, null, {
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

  await parseEntry(data, sheetEntry, null, {
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
