import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, lt, or } from 'drizzle-orm';
import type { Request, RequestHandler, Response } from 'express';
import type { Role } from '@shared/enums';
import type { Locale } from '@shared/locales';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { AppError } from './app-error';

export type SessionConfig = { idleMs: number; absoluteMs: number; secureCookie: boolean };

export type AuthUser = { id: number; email: string; name: string; role: Role; locale: Locale };
export type AuthContext = { user: AuthUser; sessionId: string; csrfToken: string };

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
    if (eqAt > 0 && part.slice(0, eqAt).trim() === name) return decodeURIComponent(part.slice(eqAt + 1).trim());
  }
  return undefined;
}

export function createSessionStore(db: Db, config: SessionConfig) {
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
    start(res: Response, userId: number): { csrfToken: string; sessionId: string } {
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const now = Date.now();
      const sessionId = hashToken(token);
      db.insert(sessions)
        .values({ id: sessionId, userId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt: now + config.absoluteMs })
        .run();
      // Old sessions of anyone are swept here rather than on a timer.
      db.delete(sessions)
        .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, now - config.idleMs)))
        .run();
      setCookie(res, token);
      return { csrfToken, sessionId };
    },

    end(res: Response, sessionId: string | undefined) {
      if (sessionId) db.delete(sessions).where(eq(sessions.id, sessionId)).run();
      res.clearCookie(cookieName, { httpOnly: true, sameSite: 'lax', secure: config.secureCookie, path: '/' });
    },

    endAllFor(userId: number) {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },

    /** Reads the session cookie and, when it names a live session of an enabled user, sets req.auth. */
    middleware(): RequestHandler {
      return (req, _res, next) => {
        const token = readCookie(req, cookieName);
        if (!token) return next();
        const id = hashToken(token);
        const row = db
          .select({
            session: sessions,
            user: { id: users.id, email: users.email, name: users.name, role: users.role, locale: users.locale, disabledAt: users.disabledAt },
          })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .where(eq(sessions.id, id))
          .get();
        if (!row) return next();
        const now = Date.now();
        if (row.user.disabledAt || row.session.expiresAt <= now || row.session.lastSeenAt + config.idleMs <= now) {
          db.delete(sessions).where(eq(sessions.id, id)).run();
          return next();
        }
        if (now - row.session.lastSeenAt > TOUCH_EVERY_MS) {
          db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)).run();
        }
        const { disabledAt: _disabled, ...user } = row.user;
        req.auth = { user, sessionId: id, csrfToken: row.session.csrfToken };
        next();
      };
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;

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
    const ok = sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
    next(ok ? undefined : new AppError('CSRF_FAILED', 'Missing or wrong security token; reload the page'));
  };
}
