import { eq } from 'drizzle-orm';
import type { Request, Response } from 'express';
import type {
  AuthResponse,
  ChangePasswordInput,
  LoginInput,
  LoginTotpInput,
  SessionResponse,
  SessionUser,
  UpdatePreferencesInput,
} from '@shared/schemas/auth';
import type { Role } from '@shared/enums';
import type { Locale } from '@shared/locales';
import { first, inTransaction, type Db } from '../../db/client';
import { users } from '../../db/schema';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../core/password';
import { AppError } from '../../core/errors';
import type { AuthContext } from '../../core/auth-user';
import type { SessionStore } from '../../core/session-store';
import { writeAudit } from '../../core/audit';
import { addressGroup } from '../../core/client-address';
import type { MfaChallenges } from './mfa-challenges';
import type { SignInGuard, SignInSource } from './sign-in-guard';
import { createUsersTable } from '../../repositories/users.repository';

/** What sign-in needs to know of two-factor sign-in; the security feature provides it. */
export type SecondFactor = {
  isEnrolled(userId: number): Promise<boolean>;
  isEnrolmentRequired(userId: number, role: Role): Promise<boolean>;
  /** 'totp' or 'recovery_code' when the code is right (and now used up), null otherwise. */
  verify(userId: number, input: Pick<LoginTotpInput, 'code' | 'recoveryCode'>): Promise<string | null>;
};

type LoginEvent = { action: 'login' | 'login_failed'; userId: number; actorId: number | null; note: string; ip: string };

const sourceOf = (req: Request): SignInSource => ({ address: addressGroup(req.ip), ip: req.ip ?? 'unknown' });

export function createAuthService(db: Db, sessions: SessionStore, guard: SignInGuard, secondFactor: SecondFactor, challenges: MfaChallenges) {
  const usersTable = createUsersTable(db);
  function toSessionUser(u: typeof users.$inferSelect): SessionUser {
    return { id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale };
  }

  /** Sign-ins and refused sign-ins of known accounts go to the audit log (never a password or a code). */
  async function recordLoginEvent(event: LoginEvent) {
    await writeAudit(db, {
      userId: event.actorId,
      entity: 'auth',
      entityId: event.userId,
      projectId: null,
      action: event.action,
      after: { ip: event.ip },
      note: event.note,
    });
  }

  /**
   * An account without a language takes the one its owner signs in with (the sign-in page's),
   * so e-mails, PDFs and other devices follow it from then on. A chosen language is never
   * overridden here; only the user's own choice in the app changes it.
   */
  async function adoptSignInLocale(user: typeof users.$inferSelect, locale: Locale | undefined): Promise<typeof users.$inferSelect> {
    if (user.locale !== null || locale === undefined) return user;
    const row = await usersTable.adoptLocale(user.id, locale);
    // Another sign-in may have set it a moment before: that one stands.
    return row ?? (await first(db.select().from(users).where(eq(users.id, user.id)))) ?? user;
  }

  /** A new session id at every sign-in; any session the browser had is ended. */
  async function startSession(
    req: Request,
    res: Response,
    signedIn: typeof users.$inferSelect,
    method: string,
    locale: Locale | undefined,
  ): Promise<SessionResponse> {
    const user = await adoptSignInLocale(signedIn, locale);
    await sessions.end(res, req.auth?.sessionId);
    const ip = req.ip ?? 'unknown';
    const { csrfToken } = await sessions.start(res, user.id, { userAgent: req.get('user-agent'), ip });
    await recordLoginEvent({ action: 'login', userId: user.id, actorId: user.id, note: method, ip });
    const response: SessionResponse = { user: toSessionUser(user), csrfToken };
    if (await secondFactor.isEnrolmentRequired(user.id, user.role)) response.mfaEnrolmentRequired = true;
    return response;
  }

  const challengeGone = () => new AppError('MFA_CHALLENGE_EXPIRED', 'This sign-in has expired; enter your password again');

  return {
    async login(req: Request, res: Response, input: LoginInput): Promise<AuthResponse> {
      const from = sourceOf(req);
      const user = await first(db.select().from(users).where(eq(users.email, input.email)));
      const hasSecondFactor = user !== undefined && (await secondFactor.isEnrolled(user.id));
      // Counted before the password is checked, so parallel guesses cannot all slip under a limit.
      const attempt = await guard.beforePassword(input.email, user ? { id: user.id, hasSecondFactor } : null, from);
      const ok = user && !user.disabledAt ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
      if (!user || !ok) {
        await guard.failed(attempt);
        if (user) {
          const note = user.disabledAt ? 'account disabled' : 'wrong password';
          await recordLoginEvent({ action: 'login_failed', userId: user.id, actorId: null, note, ip: from.ip });
        }
        throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail or password');
      }
      if (hasSecondFactor) {
        // Nothing is wiped yet: a right password alone must not buy more tries at the code.
        await guard.giveBack(attempt);
        return { mfaRequired: true, mfaToken: await challenges.create(user.id, input.locale) };
      }
      await guard.signedIn(attempt, user.id, from);
      return await startSession(req, res, user, 'password', input.locale);
    },

    /** The second step of a two-factor sign-in: the challenge token and a code or a recovery code. */
    async loginWithSecondFactor(req: Request, res: Response, input: LoginTotpInput): Promise<SessionResponse> {
      const from = sourceOf(req);
      // A guessed token is one in 2^256: an unknown one costs a lookup and counts against nothing.
      const challenge = await challenges.find(input.mfaToken);
      if (!challenge) throw challengeGone();
      const user = await first(db.select().from(users).where(eq(users.id, challenge.userId)));
      if (!user || user.disabledAt) {
        await challenges.end(input.mfaToken);
        throw challengeGone();
      }
      const attempt = await guard.beforeCode(user.email, user.id, from);
      if (!(await challenges.takeTry(input.mfaToken))) {
        await guard.giveBack(attempt);
        throw challengeGone();
      }
      const method = await secondFactor.verify(user.id, input);
      if (!method) {
        await guard.failed(attempt);
        const note = input.recoveryCode !== undefined ? 'wrong recovery code' : 'wrong two-factor code';
        await recordLoginEvent({ action: 'login_failed', userId: user.id, actorId: null, note, ip: from.ip });
        throw new AppError('INVALID_MFA_CODE', 'The code is not right, or it was used already');
      }
      // Another request may have ended it meanwhile (another instance): only one of them signs in.
      if (!(await challenges.end(input.mfaToken))) {
        await guard.giveBack(attempt);
        throw challengeGone();
      }
      await guard.signedIn(attempt, user.id, from);
      const note = method === 'recovery_code' ? 'recovery code' : 'password and two-factor code';
      return await startSession(req, res, user, note, challenge.locale);
    },

    async logout(res: Response, auth: AuthContext): Promise<void> {
      await sessions.end(res, auth.sessionId);
      await writeAudit(db, { userId: auth.user.id, entity: 'auth', entityId: auth.user.id, projectId: null, action: 'logout' });
    },

    me(auth: AuthContext): SessionResponse {
      const response: SessionResponse = { user: auth.user, csrfToken: auth.csrfToken };
      if (auth.mfaEnrolmentRequired) response.mfaEnrolmentRequired = true;
      return response;
    },

    async updatePreferences(auth: AuthContext, input: UpdatePreferencesInput): Promise<{ user: SessionUser }> {
      const row = await usersTable.setLocale(auth.user.id, input.locale);
      if (!row) throw new AppError('NOT_FOUND', 'User not found');
      return { user: toSessionUser(row) };
    },

    async changePassword(auth: AuthContext, input: ChangePasswordInput): Promise<void> {
      const user = await first(db.select().from(users).where(eq(users.id, auth.user.id)));
      if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong');
      }
      const passwordHash = await hashPassword(input.newPassword);
      await inTransaction(db, async () => {
        await usersTable.setPassword(user.id, passwordHash);
        // The audit row says that the password changed, never what it is.
        await writeAudit(db, { userId: user.id, entity: 'user', entityId: user.id, projectId: null, action: 'update', note: 'password changed' });
      });
      // Whoever else held a session (a stolen one, say) is signed out; this browser stays in.
      await sessions.endAllFor(user.id, auth.sessionId);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
