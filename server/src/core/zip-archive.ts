/**
 * The ZIP container of an XLSX file, read with bounded work (decision 013): the central
 * directory (ZIP64 included) and one entry at a time inflated as a stream, its bytes
 * counted against one budget. Nothing here trusts a size the file declares.
 */
import { createInflateRaw } from 'node:zlib';
import { fail, ReadFailureError } from './import-limits';

export type ZipEntry = { name: string; method: number; flags: number; compressedSize: number; size: number; localOffset: number };

export const unreadable = () => fail({ reason: 'unreadable_spreadsheet' });
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
export function readCentralDirectory(data: Buffer): Map<string, ZipEntry> {
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
  for (let at = 0; at + 4 <= extra.length;) {
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
export type InflateBudget = { used: number; max: number };

export const charge = (budget: InflateBudget, amount: number) => {
  budget.used += amount;
  if (budget.used > budget.max) fail({ reason: 'inflated_too_large', maxBytes: budget.max });
};

/**
 * Inflates one entry as a stream and hands its bytes to `take` a chunk at a time; a throw
 * from `take` stops the inflation there and rejects with it.
 */
export function inflateEntry(data: Buffer, entry: ZipEntry, take: (bytes: Buffer) => void): Promise<void> {
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
export async function measureEntries(data: Buffer, entries: ZipEntry[], budget: InflateBudget): Promise<void> {
  for (const entry of entries) await inflateEntry(data, entry, (bytes) => charge(budget, bytes.length));
}
