import { gzipSync } from 'node:zlib';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { RevisionClock } from '../db/revision';

/**
 * Whole-response cache for the hot read routes (docs/decisions/011-response-cache.md).
 * An entry is the JSON a route answered for one user, one address and one day, kept
 * with its gzip form and the database revision it was computed at. The revision is
 * read on every request, and any change of it (any write, by this process or another)
 * throws every entry away, so an answer is never older than the data. The route's
 * guard still runs on every request; an entry only ever goes back to the user it was
 * made for, so role and project membership need no separate key.
 */
export type ResponseCacheOptions = {
  revision: RevisionClock;
  /** The calendar day, part of every key: views that count days (elapsed time, RAG) change at midnight. */
  today: () => string;
  /** Bytes kept at most (bodies and their gzip forms); the least recently used go first. */
  maxBytes?: number;
};

type Entry = { body: Buffer; gzip: Buffer | null };

/** Below this, gzip saves too little to pay for itself (the compression middleware's own threshold). */
const GZIP_MIN_BYTES = 1024;
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export type ResponseCache = {
  /**
   * Answers a GET from the cache when there is an entry for this user, address and day
   * at the current revision; otherwise passes on. It runs before routing (and before the
   * compression middleware, which a stored gzip form does not need): an entry exists
   * only because the same user passed the same route's guard at the same revision, and
   * nothing that guard reads (role, account state, two-factor state, project membership)
   * can change without a write, which empties the cache.
   */
  serve: RequestHandler;
  /** After a cacheable route's guard: keeps the route's 200 JSON answer for the next request. */
  fill: RequestHandler;
  stats(): { entries: number; bytes: number; hits: number; misses: number };
  clear(): void;
};

export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const entries = new Map<string, Entry>();
  let revision = '';
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const clear = () => {
    entries.clear();
    bytes = 0;
  };
  const size = (e: Entry) => e.body.length + (e.gzip?.length ?? 0);

  /** Brings the cache up to the database: a new revision empties it. Returns the revision read. */
  function settle(now: string): string {
    if (now !== revision) {
      clear();
      revision = now;
    }
    return now;
  }

  /** Calls then with the revision, at once when the clock answers at once (SQLite), after its query otherwise. */
  function sync(then: (now: string) => void, failed: (err: unknown) => void): void {
    const now = options.revision.current();
    if (typeof now === 'string') then(settle(now));
    else now.then((read) => then(settle(read)), failed);
  }

  function store(key: string, entry: Entry) {
    const old = entries.get(key);
    if (old) bytes -= size(old);
    entries.delete(key);
    const added = size(entry);
    // An answer larger than an eighth of the budget is not worth crowding the rest out for.
    if (added > maxBytes / 8) return;
    entries.set(key, entry);
    bytes += added;
    while (bytes > maxBytes) {
      const [oldestKey, oldest] = entries.entries().next().value as [string, Entry];
      entries.delete(oldestKey);
      bytes -= size(oldest);
    }
  }

  function send(req: Request, res: Response, key: string, entry: Entry) {
    let payload = entry.body;
    if (entry.body.length >= GZIP_MIN_BYTES && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      if (!entry.gzip) {
        entry.gzip = gzipSync(entry.body);
        if (entries.get(key) === entry) bytes += entry.gzip.length;
      }
      payload = entry.gzip;
      res.setHeader('Content-Encoding', 'gzip');
    }
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', payload.length);
    res.end(payload);
  }

  const keyOf = (req: Request): string | null => {
    const auth = req.auth;
    if (!auth || (req.method !== 'GET' && req.method !== 'HEAD')) return null;
    return `${auth.user.id}\u0000${auth.mfaEnrolmentRequired ? 1 : 0}\u0000${options.today()}\u0000${req.originalUrl}`;
  };

  const serve: RequestHandler = (req, res, next) => {
    const key = keyOf(req);
    if (key === null) return next();
    sync(() => {
      const cached = entries.get(key);
      if (!cached) return next();
      hits += 1;
      entries.delete(key);
      entries.set(key, cached);
      send(req, res, key, cached);
    }, next);
  };

  const fill: RequestHandler = (req, res, next) => {
    const key = keyOf(req);
    if (key === null) return next();
    sync((readAt) => {
      misses += 1;
      const json = res.json;
      res.json = function cacheJson(this: Response, value: unknown) {
        if (res.statusCode !== 200) return json.call(this, value);
        const entry: Entry = { body: Buffer.from(JSON.stringify(value)), gzip: null };
        // Kept only when nothing was written while the answer was being made (an async route may interleave).
        sync(
          (now) => {
            if (now === readAt) store(key, entry);
          },
          () => undefined,
        );
        send(req, res, key, entry);
        return res;
      };
      next();
    }, next);
  };

  return {
    serve,
    fill,
    stats: () => ({ entries: entries.size, bytes, hits, misses }),
    clear,
  };
}

const routerCaches = new WeakMap<Router, ResponseCache>();

/** Routes registered on this router and marked cacheable in the policy table answer through the cache. */
export function useResponseCache(router: Router, cache: ResponseCache): void {
  routerCaches.set(router, cache);
}

export function responseCacheOf(router: Router): ResponseCache | undefined {
  return routerCaches.get(router);
}
