import express, { type Request, type RequestHandler } from 'express';
import { AppError } from '../core/errors';
import { payloadTooLarge, readSingleFile } from './multipart';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return (length !== undefined && length !== '0') || headers['transfer-encoding'] !== undefined;
}

/** What a route accepts as its body. Most take JSON; uploads declare their own type. */
export type BodyKind = 'json' | 'multipart' | 'xml' | 'csv';

const MEDIA_TYPES: Record<BodyKind, string[]> = {
  json: ['application/json'],
  multipart: ['multipart/form-data'],
  xml: ['application/xml', 'text/xml', 'multipart/form-data'],
  csv: ['text/csv', 'multipart/form-data'],
};

/** A request that carries a body must send the media type its route accepts; anything else is 415. */
export function requireMediaType(kind: BodyKind): RequestHandler {
  return (req, _res, next) => {
    if (!WITH_BODY.has(req.method) || !hasBody(req.headers)) return next();
    if (!req.is(MEDIA_TYPES[kind])) {
      return next(new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the request body as ${MEDIA_TYPES[kind].join(' or ')}`));
    }
    next();
  };
}

/** JSON bodies: 100 kB at most (413 beyond), objects and arrays only. */
export const parseJson: RequestHandler = express.json({ limit: '100kb', strict: true });

/**
 * The bytes of a file sent as the body itself (a CSV or XML route's own type) or in the
 * field "file" of a multipart/form-data body, in memory, up to maxBytes (413 beyond).
 */
export async function readFileBody(req: Request, maxBytes: number): Promise<Buffer> {
  if (req.is('multipart/form-data')) return (await readSingleFile(req, { field: 'file', maxBytes })).data;
  return readRawBody(req, maxBytes);
}

/** A body as sent, up to maxBytes (413 beyond, the rest of the body drained). */
function readRawBody(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      req.resume();
      reject(payloadTooLarge(maxBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(payloadTooLarge(maxBytes));
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
