import { eq } from 'drizzle-orm';
import type { Request, Response } from 'express';
import type { AuthResponse, ChangePasswordInput, LoginInput, SessionUser, UpdatePreferencesInput } from '@shared/schemas/auth';
import { inTransaction, type Db } from '../../db/client';
import { users } from '../../db/schema';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../core/password';
import { AppError } from '../../http/app-error';
import type { RateLimiter } from '../../http/rate-limit';
import type { AuthContext, SessionStore } from '../../http/session';
import { writeAudit } from '../../core/audit';

export type LoginLimits = { perAccount: RateLimiter; perIp: RateLimiter };

export function createAuthService(db: Db, sessions: SessionStore, limits: LoginLimits) {
  function toSessionUser(u: typeof users.$inferSelect): SessionUser {
    return { id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale };
  }

  function throttle(seconds: number): never {
    throw new AppError('RATE_LIMITED', 'Too many sign-in attempts; try again later', { retryAfterSeconds: seconds }, {
      'Retry-After': String(seconds),
    });
  }

  return {
    async login(req: Request, res: Response, input: LoginInput): Promise<AuthResponse> {
      const ipKey = req.ip ?? 'unknown';
      const wait = Math.max(limits.perIp.retryAfter(ipKey), limits.perAccount.retryAfter(input.email));
      if (wait > 0) throttle(wait);

      const user = db.select().from(users).where(eq(users.email, input.email)).get();
      const ok =
        user && !user.disabledAt
          ? await verifyPassword(input.password, user.passwordHash)
          : await verifyAgainstDummy(input.password);
      if (!user || !ok) {
        limits.perIp.record(ipKey);
        limits.perAccount.record(input.email);
        throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail or password');
      }
      limits.perAccount.reset(input.email);
      // A new session id at every login; any session the browser had is ended.
      sessions.end(res, req.auth?.sessionId);
      const { csrfToken } = sessions.start(res, user.id);
      return { user: toSessionUser(user), csrfToken };
    },

    logout(res: Response, auth: AuthContext): void {
      sessions.end(res, auth.sessionId);
    },

    me(auth: AuthContext): AuthResponse {
      return { user: auth.user, csrfToken: auth.csrfToken };
    },

    updatePreferences(auth: AuthContext, input: UpdatePreferencesInput): { user: SessionUser } {
      const row = db.update(users).set({ locale: input.locale }).where(eq(users.id, auth.user.id)).returning().get();
      if (!row) throw new AppError('NOT_FOUND', 'User not found');
      return { user: toSessionUser(row) };
    },

    async changePassword(auth: AuthContext, input: ChangePasswordInput): Promise<void> {
      const user = db.select().from(users).where(eq(users.id, auth.user.id)).get();
      if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong');
      }
      const passwordHash = await hashPassword(input.newPassword);
      inTransaction(db, () => {
        db.update(users)
          .set({ passwordHash, updatedAt: new Date().toISOString(), version: user.version + 1 })
          .where(eq(users.id, user.id))
          .run();
        // The audit row says that the password changed, never what it is.
        writeAudit(db, { userId: user.id, entity: 'user', entityId: user.id, projectId: null, action: 'update', note: 'password changed' });
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
