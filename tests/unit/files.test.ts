import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileStore, safeFileName, sniffFileType } from '../../server/src/core/files';
import { docxBytes, exeBytes, htmlBytes, jpegBytes, odtBytes, ole2Bytes, pdfBytes, pngBytes, zipBytes } from '../factories/files';

describe('sniffFileType', () => {
  it.each([
    { name: 'a PDF', data: pdfBytes(), expected: 'application/pdf' },
    { name: 'a PNG', data: pngBytes(), expected: 'image/png' },
    { name: 'a JPEG', data: jpegBytes(), expected: 'image/jpeg' },
    { name: 'a GIF', data: Buffer.from('GIF89a....'), expected: 'image/gif' },
    { name: 'a WebP', data: Buffer.from('RIFF\0\0\0\0WEBPVP8 '), expected: 'image/webp' },
    { name: 'a Word document', data: docxBytes(), expected: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    {
      name: 'an Excel workbook',
      data: zipBytes([
        { name: '[Content_Types].xml', content: '<Types/>' },
        { name: 'xl/workbook.xml', content: '<workbook/>' },
      ]),
      expected: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
    { name: 'an OpenDocument text', data: odtBytes(), expected: 'application/vnd.oasis.opendocument.text' },
    { name: 'a legacy Word file', data: ole2Bytes('WordDocument'), expected: 'application/msword' },
    { name: 'a legacy Excel file', data: ole2Bytes('Workbook'), expected: 'application/vnd.ms-excel' },
    { name: 'an executable', data: exeBytes(), expected: null },
    { name: 'HTML', data: htmlBytes(), expected: null },
    { name: 'SVG', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), expected: null },
    { name: 'a plain ZIP archive', data: zipBytes([{ name: 'payload.exe', content: 'MZ' }]), expected: null },
    {
      name: 'a ZIP claiming Office content types but no Office part',
      data: zipBytes([{ name: '[Content_Types].xml', content: '' }]),
      expected: null,
    },
    { name: 'an OLE2 file without Office streams (e.g. an installer)', data: ole2Bytes('SummaryInformation'), expected: null },
    { name: 'a truncated ZIP header', data: Buffer.from([0x50, 0x4b, 0x03, 0x04]), expected: null },
    { name: 'an empty file', data: Buffer.alloc(0), expected: null },
  ])('$name is $expected', ({ data, expected }) => {
    expect(sniffFileType(data)?.mediaType ?? null).toBe(expected);
  });
});

describe('safeFileName', () => {
  it.each([
    { name: 'a plain name keeps its stem', original: 'Forum attendance.pdf', ext: 'pdf', expected: 'Forum attendance.pdf' },
    { name: 'path segments are dropped', original: '../../etc/passwd.pdf', ext: 'pdf', expected: 'passwd.pdf' },
    { name: 'Windows paths are dropped', original: 'C:\\Users\\me\\report.docx', ext: 'docx', expected: 'report.docx' },
    { name: 'the extension follows the content', original: 'photo.pdf', ext: 'png', expected: 'photo.png' },
    { name: 'control and quote characters go', original: 'a"b\r\nc<d>.pdf', ext: 'pdf', expected: 'abcd.pdf' },
    { name: 'leading dots go', original: '.htaccess', ext: 'pdf', expected: 'htaccess.pdf' },
    { name: 'an empty name gets a default', original: '', ext: 'jpg', expected: 'evidence.jpg' },
    { name: 'Cyrillic is kept', original: 'Отчёт форума.pdf', ext: 'pdf', expected: 'Отчёт форума.pdf' },
  ])('$name', ({ original, ext, expected }) => {
    expect(safeFileName(original, ext)).toBe(expected);
  });

  it('cuts long names to 120 characters before the extension', () => {
    expect(safeFileName(`${'x'.repeat(300)}.pdf`, 'pdf')).toBe(`${'x'.repeat(120)}.pdf`);
  });
});

describe('createFileStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hamkori-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const store = createFileStore(join(dir, 'uploads'));

  it('saves under a random hex name, reads it back and removes it', async () => {
    const { storedName, sha256 } = await store.save(pdfBytes());
    expect(storedName).toMatch(/^[a-f0-9]{32}$/);
    expect(sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(readdirSync(join(dir, 'uploads'))).toEqual([storedName]);
    expect(await store.read(storedName)).toEqual(pdfBytes());
    await store.remove(storedName);
    expect(await store.read(storedName)).toBeNull();
  });

  it('refuses a stored name that is not one it made', async () => {
    await expect(store.read('../../etc/passwd')).rejects.toThrow(/Not a stored file name/);
  });
});
