import { crc32, deflateRawSync } from 'node:zlib';

/** Small files of each kind, built byte by byte, for upload and sniffer tests. */

export const pdfBytes = () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export const pngBytes = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR fake image data')]);

export const jpegBytes = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake image data')]);

/**
 * One ZIP entry: stored as is, or deflated. `declaredSize` is written as the entry's
 * uncompressed size instead of the real one, to build a file that lies about itself.
 */
export type ZipEntryInput = { name: string; content: string | Buffer; deflate?: boolean; declaredSize?: number };

/** A ZIP with local headers, central directory and end record; entries stored unless deflated. */
export function zipBytes(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, content, deflate, declaredSize } of entries) {
    const nameBytes = Buffer.from(name);
    const raw = typeof content === 'string' ? Buffer.from(content) : content;
    const data = deflate ? deflateRawSync(raw) : raw;
    const size = declaredSize ?? raw.length;
    const method = deflate ? 8 : 0;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const docxBytes = () =>
  zipBytes([
    { name: '[Content_Types].xml', content: '<Types/>' },
    { name: 'word/document.xml', content: '<w:document/>' },
  ]);

export const odtBytes = () =>
  zipBytes([
    { name: 'mimetype', content: 'application/vnd.oasis.opendocument.text' },
    { name: 'content.xml', content: '<office:document-content/>' },
  ]);

/** An OLE2 compound file whose directory holds one stream of the given name. */
export function ole2Bytes(stream: string): Buffer {
  const data = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(data, 0);
  const entry = 512 + 128; // after the root entry
  const name = Buffer.from(`${stream}\0`, 'utf16le');
  name.copy(data, entry);
  data.writeUInt16LE(name.length, entry + 64);
  data[entry + 66] = 2;
  return data;
}

/** A Windows executable (MZ header). */
export const exeBytes = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.')]);

export const htmlBytes = () => Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
