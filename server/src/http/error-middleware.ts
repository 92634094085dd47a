import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { ErrorBody, ErrorIssue } from '@shared/errors';
import { explain } from '@shared/issue-messages';
import { ruleOfZodIssue } from '@shared/issues';
import { isDatabaseUnavailable } from '../db/faults';
import { AppError } from '../core/errors';

function send(res: Parameters<RequestHandler>[1], status: number, body: ErrorBody) {
  res.status(status).json(body);
}

/** Zod's issues as field issues: a shared rule's code and params where a rule raised it, else zod's own code. */
export function zodIssues(err: ZodError): ErrorIssue[] {
  return err.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const rule = ruleOfZodIssue(i);
    if (rule) return { path, ...explain(rule) };
    return { path, message: i.code === 'unrecognized_keys' ? `Unknown field(s): ${i.keys.join(', ')}` : i.message, code: i.code };
  });
}

type BodyParserError = Error & { type?: string; status?: number; expose?: boolean };

/**
 * The one error middleware: AppError → its status, ZodError → 400 with field issues,
 * body-parser errors → 400/413/415, a database that cannot be reached → 503, anything else → 500 with a generic message and a
 * reference id, logged with the request id (the stack never reaches the client).
 */
export const errorMiddleware: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (err instanceof AppError) {
    if (err.headers) res.set(err.headers);
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    send(res, err.status, body);
    return;
  }
  if (err instanceof ZodError) {
    send(res, 400, {
      error: { code: 'VALIDATION_FAILED', message: 'Some fields are not valid', details: { issues: zodIssues(err) } },
    });
    return;
  }
  const e = err as BodyParserError;
  if (e?.type === 'entity.too.large') {
    send(res, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' } });
    return;
  }
  if (e?.type === 'entity.parse.failed') {
    send(res, 400, { error: { code: 'INVALID_JSON', message: 'The request body is not valid JSON' } });
    return;
  }
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') {
    send(res, 415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported body encoding' } });
    return;
  }
  // The router could not percent-decode a path parameter (e.g. /projects/%E0%A4%A); it marks that 400 but not expose.
  if (err instanceof URIError && e.status === 400) {
    send(res, 400, { error: { code: 'BAD_REQUEST', message: 'The address contains an invalid %-escape' } });
    return;
  }
  // Client errors raised by the HTTP libraries (a missing static file is a 404 that is not "exposed").
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    const notFound = e.status === 404;
    const message = notFound ? 'Not found' : e.expose ? e.message : 'Bad request';
    send(res, e.status, { error: { code: notFound ? 'NOT_FOUND' : 'BAD_REQUEST', message } });
    return;
  }
  if (isDatabaseUnavailable(err)) {
    // Nothing was written: the statement never reached the server, or its transaction died with the connection.
    res.set('Retry-After', '5');
    send(res, 503, { error: { code: 'DATABASE_UNAVAILABLE', message: 'The database cannot be reached just now; try again in a moment' } });
    return;
  }
  const id = randomUUID();
  // req.log carries the request id; without the request logger (a bare app in a test) fall back to stderr.
  const log = (req as Partial<Pick<typeof req, 'log'>>).log;
  if (log) log.error({ err, errorId: id }, 'unhandled error');
  else console.error(`[error ${id}]`, err);
  send(res, 500, { error: { code: 'INTERNAL', message: `Something went wrong on our side (reference ${id})` } });
};

export const apiNotFound: RequestHandler = (_req, res) => {
  send(res, 404, { error: { code: 'NOT_FOUND', message: 'No such API route' } });
};
