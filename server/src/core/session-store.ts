import type { Response } from 'express';
import type { sessions } from '../db/schema';

/** Who signed in from where, kept with the session for the user's list of sessions. */
export type SessionClient = { userAgent?: string | undefined; ip?: string | undefined };

/** A live session as lists show it (times as epoch milliseconds). */
export type SessionRow = typeof sessions.$inferSelect;

/**
 * What the sign-in, user and security services may do with sessions. `http/session.ts`
 * implements it (with the cookie and the request middleware); services see only this, so
 * they do not depend on the web layer.
 */
export type SessionStore = {
  /** Starts a new session (always a new id: no fixation) and sets the cookie. */
  start(res: Response, userId: number, client?: SessionClient): Promise<{ csrfToken: string; sessionId: string }>;
  end(res: Response, sessionId: string | undefined): Promise<void>;
  /** Ends every session of the user, or every one but the session that asked. */
  endAllFor(userId: number, exceptSessionId?: string): Promise<void>;
  /** The user's sessions that are still live (not past their idle or absolute expiry), oldest first. */
  listLive(userId: number): Promise<SessionRow[]>;
  findByPublicId(publicId: string): Promise<SessionRow | undefined>;
  /** Ends one session by its id, whoever's it is; the next request with its cookie gets 401. */
  endById(sessionId: string): Promise<void>;
};
