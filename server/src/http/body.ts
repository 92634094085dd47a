import express, { type RequestHandler } from 'express';
import { AppError } from './app-error';

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
