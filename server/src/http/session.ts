import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import type { Request, RequestHandler, Response } from 'express';
import { first, queryRows, type Db } from '../db/client';
import type { AuthContext, AuthUser } from '../core/auth-user';
import { AppError } from '../core/errors';
import { isMfaEnrolmentRequired } from '../core/security-settings';
import type { SessionClient, SessionRow, SessionStore } from '../core/session-store';
import { revisionClock } from '../db/revision';
import { sessions } from '../db/schema';

export type SessionConfig = { idleMs: number; absoluteMs: number; secureCookie: boolean };

const USER_AGENT_MAX = 200;

type SessionLookupRow = AuthUser & { csrfToken: string; expiresAt: number; lastSeenAt: number; disabledAt: string | null };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: AuthContext;
    }
  }
}

/** `__Host-` cookies must be Secure, so the prefix is used only where the cookie is. */
export function sessionCookieName(config: SessionConfig): string {
  return config.secureCookie ? '__Host-hamkori_session' : 'hamkori_session';
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Touching last-seen on every request would turn every read into a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eqAt = part.indexOf('=');
    if (eqAt > 0 && part.slice(0, eqAt).trim() === name) {
      // A cookie that does not decode is no session, not a server error.
      try {
        return decodeURIComponent(part.slice(eqAt + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function createSessionStore(db: Db, config: SessionConfig): SessionStore & { middleware(): RequestHandler } {
  const cookieName = sessionCookieName(config);

  function setCookie(res: Response, token: string) {
    res.cookie(cookieName, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookie,
      path: '/',
      maxAge: config.absoluteMs,
    });
  }

  return {
    /** Starts a new session (always a new id: no fixation) and sets the cookie. */
    async start(res: Response, userId: number, client: SessionClient = {}): Promise<{ csrfToken: string; sessionId: string }> {
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const now = Date.now();
      const sessionId = hashToken(token);
      await db.insert(sessions).values({
        id: sessionId,
        userId,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: now + config.absoluteMs,
        publicId: randomBytes(16).toString('base64url'),
        userAgent: client.userAgent ? client.userAgent.slice(0, USER_AGENT_MAX) : null,
        ip: client.ip ?? null,
      });
      // Old sessions of anyone are swept here rather than on a timer.
      await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, now - config.idleMs)));
      setCookie(res, token);
      return { csrfToken, sessionId };
    },

    async end(res: Response, sessionId: string | undefined) {
      if (sessionId) await db.delete(sessions).where(eq(sessions.id, sessionId));
      res.clearCookie(cookieName, { httpOnly: true, sameSite: 'lax', secure: config.secureCookie, path: '/' });
    },

    /** Ends every session of the user, or every one but the session that asked. */
    async endAllFor(userId: number, exceptSessionId?: string) {
      const mine = eq(sessions.userId, userId);
      await db.delete(sessions).where(exceptSessionId ? and(mine, ne(sessions.id, exceptSessionId)) : mine);
    },

    /** The user's sessions that are still live (not past their idle or absolute expiry), oldest first. */
    listLive(userId: number): Promise<SessionRow[]> {
      const now = Date.now();
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, now - config.idleMs)))
        .orderBy(asc(sessions.createdAt));
    },

    findByPublicId(publicId: string): Promise<SessionRow | undefined> {
      return first(db.select().from(sessions).where(eq(sessions.publicId, publicId)));
    },

    /** Ends one session by its id, whoever's it is; the next request with its cookie gets 401. */
    async endById(sessionId: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
    },

    /** Reads the session cookie and, when it names a live session of an enabled user, sets req.auth. */
    middleware(): RequestHandler {
      // Session bookkeeping is not content: it must not make cached views look stale.
      const revision = revisionClock(db);
      const lookup = (id: string) =>
        queryRows<SessionLookupRow>(
          db,
          sql`SELECT s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt", s.last_seen_at AS "lastSeenAt",
                     u.id AS "id", u.email AS "email", u.name AS "name", u.role AS "role", u.locale AS "locale",
                     u.disabled_at AS "disabledAt"
                FROM sessions s JOIN users u ON u.id = s.user_id
               WHERE s.id = ${id}`,
        );
      return async (req, _res, next) => {
        const token = readCookie(req, cookieName);
        // The health check tells whether the database answers: it must not fail on a session lookup first.
        if (!token || req.path === '/health') return next();
        const id = hashToken(token);
        const [row] = await lookup(id);
        if (!row) return next();
        const now = Date.now();
        const expiresAt = Number(row.expiresAt);
        const lastSeenAt = Number(row.lastSeenAt);
        if (row.disabledAt || expiresAt <= now || lastSeenAt + config.idleMs <= now) {
          await revision.excluding(() => db.delete(sessions).where(eq(sessions.id, id)));
          return next();
        }
        if (now - lastSeenAt > TOUCH_EVERY_MS) {
          await revision.excluding(() => db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)));
        }
        const user: AuthUser = { id: row.id, email: row.email, name: row.name, role: row.role, locale: row.locale };
        req.auth = {
          user,
          sessionId: id,
          csrfToken: row.csrfToken,
          mfaEnrolmentRequired: await isMfaEnrolmentRequired(db, user.id, user.role),
        };
        next();
      };
    },
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every state-changing request must carry the session's CSRF token in X-CSRF-Token.
 * Login is the only exception: there is no session yet, and it changes nothing a
 * forged request could use.
 */
export function csrfProtection(exempt: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method) || exempt.includes(req.path)) return next();
    if (!req.auth) return next(new AppError('UNAUTHENTICATED', 'Sign in to continue'));
    const sent = req.get('x-csrf-token') ?? '';
    const expected = req.auth.csrfToken;
    const a = Buffer.from(sent);
    const b = Buffer.from(expected);
    // Compare bytes, not characters: a non-ASCII header has more bytes than characters.
    const ok = a.length === b.length && timingSafeEqual(a, b);
    next(ok ? undefined : new AppError('CSRF_FAILED', 'Missing or wrong security token; reload the page'));
  };
}
