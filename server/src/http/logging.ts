import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { RequestHandler } from 'express';

export type { Logger };
export type LogLevel = Level | 'silent';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * What must never reach a log line: session cookies (set and sent), CSRF tokens and
 * credentials. Bodies are never logged at all, so passwords have no way in.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  // Some errors carry the request body with them (body-parser's do): never log it.
  'err.body',
  'err.raw',
];

/** JSON lines on stdout (or the given stream), one object per event. */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'hamkori' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}

/** A request id a client or proxy may pass on: short, and nothing that could forge a log line. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Gives every request an id (the caller's X-Request-Id when it is sane, a new one
 * otherwise), returns it in X-Request-Id, binds it to `req.log`, and writes one line
 * when the response is done (plus one on arrival at debug level). When the logger's
 * level leaves request lines out (warn and above), the per-request log machinery is
 * skipped: the id is still given and `req.log` is made on first use (by the error handler).
 */
export function requestLogging(logger: Logger): RequestHandler {
  const http = pinoHttp({
    logger,
    genReqId: requestIdOf,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'reqId' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
  const full: RequestHandler = (req, res, next) =>
    http(req, res, () => {
      req.log.debug({ method: req.method, url: req.originalUrl }, 'request received');
      next();
    });
  const idOnly: RequestHandler = (req, res, next) => {
    const reqId = requestIdOf(req, res);
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      enumerable: false,
      get: () => (child ??= logger.child({ reqId })),
      set: (value: Logger) => {
        child = value;
      },
    });
    next();
  };
  // The level can be changed at run time, so it is read per request (a property read).
  return (req, res, next) => (logger.isLevelEnabled('info') ? full(req, res, next) : idOnly(req, res, next));
}
