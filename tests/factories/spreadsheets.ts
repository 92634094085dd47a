import { createDeflateRaw } from 'node:zlib';
import { zipBytes } from './files';

/**
 * XLSX files built part by part, for the import readers: ordinary ones, and the hostile
 * kinds the readers must refuse cheaply (cells far to the right, many columns, many rows,
 * a sheet that inflates far beyond its size, a shared string repeated without end).
 */

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A column's letters: 0 → A, 25 → Z, 26 → AA, 16383 → XFD. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A cell holding an inline string. */
export const inlineCell = (reference: string, text: string) => `<c r="${reference}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;

export const sheetXml = (sheetData: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`;

type XlsxParts = {
  /** The sheet's XML, whole (see sheetXml), as text or bytes already deflated with `deflated`. */
  sheet: string | { deflated: Buffer; declaredSize: number };
  sharedStrings?: string[];
  /** The styles part's XML, whole. */
  styles?: string;
};

/** An XLSX of one sheet, its parts deflated as a spreadsheet program writes them. */
export function xlsxBytes({ sheet, sharedStrings, styles }: XlsxParts): Buffer {
  const ns = 'http://schemas.openxmlformats.org';
  const relType = (kind: string) => `${ns}/officeDocument/2006/relationships/${kind}`;
  const workbookRels = [`<Relationship Id="rId1" Type="${relType('worksheet')}" Target="worksheets/sheet1.xml"/>`];
  if (sharedStrings) workbookRels.push(`<Relationship Id="rId2" Type="${relType('sharedStrings')}" Target="sharedStrings.xml"/>`);
  if (styles) workbookRels.push(`<Relationship Id="rId3" Type="${relType('styles')}" Target="styles.xml"/>`);
  const parts = [
    { name: '[Content_Types].xml', content: `<Types xmlns="${ns}/package/2006/content-types"/>`, deflate: true },
    {
      name: '_rels/.rels',
      content: `<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${relType('officeDocument')}" Target="xl/workbook.xml"/></Relationships>`,
      deflate: true,
    },
    {
      name: 'xl/workbook.xml',
      content: `<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      deflate: true,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: `<Relationships xmlns="${ns}/package/2006/relationships">${workbookRels.join('')}</Relationships>`,
      deflate: true,
    },
  ];
  if (sharedStrings) {
    const items = sharedStrings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('');
    parts.push({ name: 'xl/sharedStrings.xml', content: `<sst xmlns="${ns}/spreadsheetml/2006/main">${items}</sst>`, deflate: true });
  }
  if (styles) parts.push({ name: 'xl/styles.xml', content: styles, deflate: true });
  const zip = zipBytes(typeof sheet === 'string' ? [...parts, { name: 'xl/worksheets/sheet1.xml', content: sheet, deflate: true }] : parts);
  if (typeof sheet === 'string') return zip;
  return appendDeflated(zip, 'xl/worksheets/sheet1.xml', sheet.deflated, sheet.declaredSize);
}

/** Adds an entry whose data is already deflated, with the uncompressed size it declares. */
function appendDeflated(zip: Buffer, name: string, deflated: Buffer, declaredSize: number): Buffer {
  // Rebuild: local entries as they were, then the new one, then the directory with it added.
  const end = zip.length - 22;
  const directoryOffset = zip.readUInt32LE(end + 16);
  const directory = zip.subarray(directoryOffset, end);
  const count = zip.readUInt16LE(end + 10);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(directoryOffset, 42);
  const newDirectory = Buffer.concat([directory, central, nameBytes]);
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(count + 1, 8);
  record.writeUInt16LE(count + 1, 10);
  record.writeUInt32LE(newDirectory.length, 12);
  record.writeUInt32LE(directoryOffset + 30 + nameBytes.length + deflated.length, 16);
  return Buffer.concat([zip.subarray(0, directoryOffset), local, nameBytes, deflated, newDirectory, record]);
}

/** An XLSX whose rows hold these texts as inline strings, from column A on. */
export const xlsxOfRows = (rows: string[][]) =>
  xlsxBytes({
    sheet: sheetXml(
      rows.map((cells, r) => `<row r="${r + 1}">${cells.map((text, c) => inlineCell(`${columnName(c)}${r + 1}`, text)).join('')}</row>`).join(''),
    ),
  });

/**
 * Every row holds one cell, in the last column a sheet can have (XFD): a header "Name",
 * then "Person 1", "Person 2"… A file of a few kilobytes that once cost gigabytes.
 */
export const farRightXlsx = (rows: number) =>
  xlsxBytes({
    sheet: sheetXml(
      Array.from({ length: rows }, (_, i) => `<row r="${i + 1}">${inlineCell(`XFD${i + 1}`, i === 0 ? 'Name' : `Person ${i}`)}</row>`).join(''),
    ),
  });

/** Each row holds one cell in a column of its own, counting left from XFD: as many columns used as rows. */
export const spreadColumnsXlsx = (rows: number) =>
  xlsxBytes({
    sheet: sheetXml(
      Array.from({ length: rows }, (_, i) => `<row r="${i + 1}">${inlineCell(`${columnName(16383 - i)}${i + 1}`, `v${i}`)}</row>`).join(''),
    ),
  });

/** A header "Name" and this many data rows under it. */
export const manyRowsXlsx = (dataRows: number) =>
  xlsxBytes({
    sheet: sheetXml(
      [`<row r="1">${inlineCell('A1', 'Name')}</row>`]
        .concat(Array.from({ length: dataRows }, (_, i) => `<row r="${i + 2}">${inlineCell(`A${i + 2}`, `Person ${i}`)}</row>`))
        .join(''),
    ),
  });

/** Deflates `unit` repeated until `bytes` are written, a megabyte at a time (the whole is never held). */
async function deflateRepeated(head: string, unit: string, bytes: number, tail: string): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const block = Buffer.from(unit.repeat(Math.ceil((1024 * 1024) / unit.length)));
  deflate.write(head);
  for (let written = 0; written < bytes; written += block.length) {
    if (!deflate.write(block)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end(tail);
  await done;
  return Buffer.concat(out);
}

/**
 * A sheet of empty rows that inflates to `inflatedBytes` from a few hundred kilobytes.
 * Declared honestly, or (`lie`) declaring a size of 4 kB, so that only counting the bytes
 * as they come out can catch it.
 */
export async function inflationBombXlsx(inflatedBytes: number, options: { lie: boolean }): Promise<Buffer> {
  const head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const tail = '</sheetData></worksheet>';
  const deflated = await deflateRepeated(head, '<row/>', inflatedBytes, tail);
  return xlsxBytes({ sheet: { deflated, declaredSize: options.lie ? 4096 : inflatedBytes } });
}

/** One shared string of `length` characters, referenced by every cell of `rows` rows of `columns` columns. */
export function repeatedSharedStringXlsx(length: number, rows: number, columns: number): Buffer {
  const row = (r: number) =>
    `<row r="${r}">${Array.from({ length: columns }, (_, c) => `<c r="${columnName(c)}${r}" t="s"><v>0</v></c>`).join('')}</row>`;
  return xlsxBytes({ sheet: sheetXml(Array.from({ length: rows }, (_, i) => row(i + 1)).join('')), sharedStrings: ['x'.repeat(length)] });
}
