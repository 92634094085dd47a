import type { RequestHandler } from 'express';
import { AppError } from './app-error';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return (length !== undefined && length !== '0') || headers['transfer-encoding'] !== undefined;
}

/** A request that carries a body must say it is JSON; anything else is 415, before parsing. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (!WITH_BODY.has(req.method) || !hasBody(req.headers)) return next();
  if (!req.is('application/json')) {
    return next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json'));
  }
  next();
};
