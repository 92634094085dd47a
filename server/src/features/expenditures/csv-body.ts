import type { Request } from 'express';
import { AppError } from '../../http/app-error';
import { readSingleFile } from '../../http/multipart';

/** A ledger of a few thousand rows is well under this. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('BAD_REQUEST', 'The file is not UTF-8 text; save it as "CSV UTF-8" and try again');
  }
}

/** A text/csv body, in memory, up to MAX_CSV_BYTES (413 beyond). */
function readRaw(req: Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_CSV_BYTES) {
      reject(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_CSV_BYTES) {
        failed = true;
        reject(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

/** The CSV of a text/csv body, or of the file in the field "file" of a multipart/form-data body, as text. */
export async function readCsvText(req: Request): Promise<string> {
  const bytes = req.is('multipart/form-data')
    ? (await readSingleFile(req, { field: 'file', maxBytes: MAX_CSV_BYTES })).data
    : await readRaw(req);
  return decode(bytes);
}
