import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import type { EvidenceMediaType } from '@shared/schemas/evidence';
import { first, type Db } from '../db/client';
import { storedFiles } from '../db/schema';

export type SniffedType = { mediaType: EvidenceMediaType; extension: string };

const startsWith = (data: Buffer, bytes: readonly number[], at = 0) => data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const OOXML: Record<string, SniffedType> = {
  'word/': { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  'xl/': { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  'ppt/': { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' },
};

const OPEN_DOCUMENT: Record<string, SniffedType> = {
  text: { mediaType: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
  spreadsheet: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' },
  presentation: { mediaType: 'application/vnd.oasis.opendocument.presentation', extension: 'odp' },
};

/** Names of the entries in a ZIP's central directory, or null when it is not a readable ZIP. */
function zipEntryNames(data: Buffer): string[] | null {
  // The end-of-central-directory record is in the last 22 + 65 535 (comment) bytes.
  const from = Math.max(0, data.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = data.length - 22; i >= from; i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < entries; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    if (at + 46 + nameLength > data.length) return null;
    names.push(data.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function sniffZip(data: Buffer): SniffedType | null {
  // OpenDocument: an uncompressed first entry "mimetype" holding the type.
  if (data.toString('latin1', 30, 38) === 'mimetype') {
    const kind = /^application\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)/.exec(data.toString('latin1', 38, 100));
    if (kind?.[1]) return OPEN_DOCUMENT[kind[1]] ?? null;
  }
  const names = zipEntryNames(data);
  if (!names?.includes('[Content_Types].xml')) return null;
  for (const [folder, type] of Object.entries(OOXML)) {
    if (names.some((n) => n.startsWith(folder))) return type;
  }
  return null;
}

/**
 * Legacy Office files are OLE2 compound files; so are installers (.msi), so the type is
 * read from the names of the streams in its directory (128-byte entries, UTF-16LE names).
 */
function sniffOle2(data: Buffer): SniffedType | null {
  const streams: Record<string, SniffedType> = {
    WordDocument: { mediaType: 'application/msword', extension: 'doc' },
    Workbook: { mediaType: 'application/vnd.ms-excel', extension: 'xls' },
    Book: { mediaType: 'application/vnd.ms-excel', extension: 'xls' },
    'PowerPoint Document': { mediaType: 'application/vnd.ms-powerpoint', extension: 'ppt' },
  };
  for (let at = 512; at + 128 <= data.length; at += 128) {
    const nameBytes = data.readUInt16LE(at + 64);
    if (nameBytes < 2 || nameBytes > 64 || nameBytes % 2 !== 0) continue;
    const name = data.toString('utf16le', at, at + nameBytes - 2);
    const type = streams[name];
    if (type && data[at + 66] === 2) return type; // 2: a stream, not a storage
  }
  return null;
}

/**
 * The type of a file judged by its content (magic bytes), never by its name or the
 * Content-Type a client sent. Only evidence types are recognised; anything else
 * (executables, HTML, SVG, scripts, archives) is null.
 */
export function sniffFileType(data: Buffer): SniffedType | null {
  if (startsWith(data, ascii('%PDF-'))) return { mediaType: 'application/pdf', extension: 'pdf' };
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mediaType: 'image/png', extension: 'png' };
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a'))) return { mediaType: 'image/gif', extension: 'gif' };
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return { mediaType: 'image/webp', extension: 'webp' };
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(data);
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle2(data);
  return null;
}

/**
 * A file name safe to show and to send in Content-Disposition: the last path segment,
 * without control or reserved characters or leading dots, at most 120 characters, with
 * the extension of its real type.
 */
export function safeFileName(original: string, extension: string): string {
  const base = original.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const stem =
    cleaned
      .replace(/\.[^.]*$/, '')
      .slice(0, 120)
      .trim() || 'evidence';
  return `${stem}.${extension}`;
}

/**
 * Where uploaded files are kept: a folder (createFileStore) or the database
 * (createDatabaseFileStore). Either keeps them under random names the server chooses, so
 * nothing a client sends ends up in a path or a key.
 */
export type FileStore = {
  /** Keeps the data under a new random name; returns that name and the SHA-256 of the data. */
  save(data: Buffer): Promise<{ storedName: string; sha256: string }>;
  /** The file's content, or null when there is none under that name. */
  read(storedName: string): Promise<Buffer | null>;
  /** Forgets the file; a name with no file is no error. */
  remove(storedName: string): Promise<void>;
};

const STORED_NAME = /^[a-f0-9]{32}$/;

const newStoredName = () => randomBytes(16).toString('hex');
const sha256Of = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A name that is not one the store made is a bug of the caller's, never a file to look for. */
function checkedName(storedName: string): string {
  if (!STORED_NAME.test(storedName)) throw new Error(`Not a stored file name: ${storedName}`);
  return storedName;
}

/**
 * Where uploaded files go on SQLite unless UPLOADS_PATH says otherwise: `uploads` beside
 * the database file, so the records and their files stay together wherever the server is
 * started from.
 */
export function uploadsBesideDatabase(databaseFile: string): string {
  // better-sqlite3 names an in-memory database ":memory:" and a temporary one "".
  if (databaseFile === '' || databaseFile === ':memory:') {
    throw new Error('A database without a file has no folder for uploads: give the uploads folder');
  }
  return join(dirname(resolve(databaseFile)), 'uploads');
}

/** Files kept in one folder, one file each. The folder is created on first use. */
export function createFileStore(dir: string): FileStore {
  const root = resolve(dir);
  const pathOf = (storedName: string) => join(root, checkedName(storedName));
  return {
    async save(data) {
      await mkdir(root, { recursive: true });
      const storedName = newStoredName();
      await writeFile(pathOf(storedName), data, { flag: 'wx', mode: 0o600 });
      return { storedName, sha256: sha256Of(data) };
    },
    async read(storedName) {
      try {
        return await readFile(pathOf(storedName));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async remove(storedName) {
      await rm(pathOf(storedName), { force: true });
    },
  };
}

/**
 * Files kept as rows of `stored_files`, so every instance on the database reads them and
 * the database's backups hold them (decision 017).
 */
export function createDatabaseFileStore(db: Db): FileStore {
  return {
    async save(data) {
      const storedName = newStoredName();
      const sha256 = sha256Of(data);
      await db.insert(storedFiles).values({ storedName, sha256, size: data.length, data });
      return { storedName, sha256 };
    },
    async read(storedName) {
      const row = await first(
        db
          .select({ data: storedFiles.data })
          .from(storedFiles)
          .where(eq(storedFiles.storedName, checkedName(storedName))),
      );
      return row?.data ?? null;
    },
    async remove(storedName) {
      await db.delete(storedFiles).where(eq(storedFiles.storedName, checkedName(storedName)));
    },
  };
}
