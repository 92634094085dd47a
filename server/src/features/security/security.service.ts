import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Request, Response } from 'express';
import { issue } from '@shared/issues';
import { hasPermission } from '@shared/permissions';
import type { LoginTotpInput } from '@shared/schemas/auth';
import type { PasswordResetInput, PasswordResetResult } from '@shared/schemas/auth';
import {
  isEditorRole,
  RECOVERY_CODE_COUNT,
  type DisableTotpInput,
  type EnableTotpInput,
  type PasswordResetLink,
  type RecoveryCodes,
  type SecuritySettings,
  type SessionInfo,
  type TotpSetup,
  type TotpStatus,
  type UpdateSecuritySettingsInput,
} from '@shared/schemas/security';
import { MINUTE_MS, tooManyAttempts, type AttemptCounters } from '../../core/attempt-counters';
import { writeAudit } from '../../core/audit';
import { addressGroup } from '../../core/client-address';
import { hashPassword, verifyPassword } from '../../core/password';
import type { SecretBox } from '../../core/secret-box';
import { hasTotpEnabled, readSecuritySettings, writeSecuritySettings } from '../../core/security-settings';
import { matchTotpStep, newTotpSecret, totpUri } from '../../core/totp';
import { first, inTransaction, type Db } from '../../db/client';
import { users } from '../../db/schema';
import { AppError, notFound, refused } from '../../core/errors';
import type { AuthContext, AuthUser } from '../../core/auth-user';
import type { SessionRow, SessionStore } from '../../core/session-store';
import type { SecurityRepository } from './security.repository';
import { createUsersTable } from '../../repositories/users.repository';

/** How long an administrator's password-reset link works. */
export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** Crockford's base32, lower case: no i, l, o or u to misread. */
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function newRecoveryCode(): string {
  const bytes = randomBytes(12);
  // 256 is a multiple of 32, so the low five bits of a random byte are uniform.
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Recovery codes as typed: already lower case without dashes (RecoveryCodeSchema); o, i and l read as 0, 1, 1. */
function normaliseRecoveryCode(code: string): string {
  return code.replace(/o/g, '0').replace(/[il]/g, '1');
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export type SecondFactorMethod = 'totp' | 'recovery_code';

export function createSecurityService(
  db: Db,
  repo: SecurityRepository,
  sessions: SessionStore,
  box: SecretBox,
  resetLimit: { counters: AttemptCounters; free: number },
  now: () => number = Date.now,
) {
  const usersTable = createUsersTable(db);
  const totpContext = (userId: number) => `totp:${userId}`;

  function secretOf(userId: number, sealed: string): string {
    const secret = box.decrypt(sealed, totpContext(userId));
    // A seed sealed with another key (a database restored without its key file) cannot be checked.
    if (secret === null) throw refused('INVALID_MFA_CODE', issue('mfa.unreadable'));
    return secret;
  }

  /** A current code of an enabled TOTP, used at most once (the step is claimed). */
  async function checkCode(userId: number, code: string): Promise<boolean> {
    const row = await repo.findTotp(userId);
    if (!row?.enabledAt) return false;
    const step = matchTotpStep(secretOf(userId, row.secret), code, now());
    return step !== null && (await repo.claimStep(userId, step));
  }

  async function checkRecoveryCode(userId: number, code: string): Promise<boolean> {
    if (!(await hasTotpEnabled(db, userId))) return false;
    return await repo.useRecoveryCode(userId, box.hash(normaliseRecoveryCode(code)));
  }

  function toSessionInfo(row: SessionRow, currentSessionId: string): SessionInfo {
    return {
      id: row.publicId,
      createdAt: new Date(row.createdAt).toISOString(),
      lastSeenAt: new Date(row.lastSeenAt).toISOString(),
      expiresAt: new Date(row.expiresAt).toISOString(),
      userAgent: row.userAgent,
      ip: row.ip,
      current: row.id === currentSessionId,
    };
  }

  async function userRow(id: number) {
    const row = await first(db.select().from(users).where(eq(users.id, id)));
    if (!row) throw notFound('User');
    return row;
  }

  async function totpRequired(user: AuthUser): Promise<boolean> {
    return isEditorRole(user.role) && (await readSecuritySettings(db)).requireTotpForEditors;
  }

  return {
    /** The second step of a sign-in: a current TOTP code or an unused recovery code, each good once. */
    async verifySecondFactor(userId: number, input: Pick<LoginTotpInput, 'code' | 'recoveryCode'>): Promise<SecondFactorMethod | null> {
      if (input.code !== undefined) return (await checkCode(userId, input.code)) ? 'totp' : null;
      if (input.recoveryCode !== undefined) return (await checkRecoveryCode(userId, input.recoveryCode)) ? 'recovery_code' : null;
      return null;
    },

    async totpStatus(auth: AuthContext): Promise<TotpStatus> {
      const row = await repo.findTotp(auth.user.id);
      const enabled = Boolean(row?.enabledAt);
      return {
        enabled,
        enabledAt: row?.enabledAt ?? null,
        recoveryCodesLeft: enabled ? await repo.recoveryCodesLeft(auth.user.id) : 0,
        required: await totpRequired(auth.user),
      };
    },

    /** Makes a new secret (replacing any set-up not confirmed); the only answer that carries it. */
    async setupTotp(auth: AuthContext): Promise<TotpSetup> {
      if (await hasTotpEnabled(db, auth.user.id)) {
        throw refused('CONFLICT', issue('mfa.already_on'));
      }
      const secret = newTotpSecret();
      await repo.savePendingTotp(auth.user.id, box.encrypt(secret, totpContext(auth.user.id)));
      const otpauthUri = totpUri(secret, auth.user.email);
      const { default: QRCode } = await import('qrcode');
      const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { secret, otpauthUri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
    },

    /** Confirms the set-up with a code from the app, and hands out the recovery codes (once). */
    async enableTotp(auth: AuthContext, input: EnableTotpInput): Promise<RecoveryCodes> {
      const userId = auth.user.id;
      return await inTransaction(db, async () => {
        const row = await repo.findTotp(userId);
        if (!row) throw refused('CONFLICT', issue('mfa.not_started'));
        if (row.enabledAt) throw refused('CONFLICT', issue('mfa.already_on'));
        const step = matchTotpStep(secretOf(userId, row.secret), input.code, now());
        if (step === null) throw new AppError('INVALID_MFA_CODE', 'The code is not right; check the time on your phone and try the current code');
        await repo.enableTotp(userId, step);
        const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
        await repo.replaceRecoveryCodes(
          userId,
          recoveryCodes.map((c) => box.hash(normaliseRecoveryCode(c.replace(/-/g, '')))),
        );
        await writeAudit(db, { userId, entity: 'auth', entityId: userId, projectId: null, action: 'totp_enabled' });
        return { recoveryCodes };
      });
    },

    /** Turns it off with the password and a code (or a recovery code); refused while the role requires it. */
    async disableTotp(auth: AuthContext, input: DisableTotpInput): Promise<void> {
      const userId = auth.user.id;
      if (!(await hasTotpEnabled(db, userId))) throw refused('CONFLICT', issue('mfa.not_on'));
      if (await totpRequired(auth.user)) {
        throw new AppError('MFA_REQUIRED_FOR_ROLE', 'Two-factor sign-in is required for your role and cannot be turned off');
      }
      if (!(await verifyPassword(input.password, (await userRow(userId)).passwordHash))) {
        throw new AppError('INVALID_CREDENTIALS', 'The password is wrong');
      }
      await inTransaction(db, async () => {
        const ok = /^\d{6}$/.test(input.code) ? await checkCode(userId, input.code) : await checkRecoveryCode(userId, input.code);
        if (!ok) throw new AppError('INVALID_MFA_CODE', 'The code is not right');
        await repo.deleteTotp(userId);
        await writeAudit(db, { userId, entity: 'auth', entityId: userId, projectId: null, action: 'totp_disabled' });
      });
    },

    /** An administrator turns off someone's two-factor sign-in (a lost phone and lost recovery codes). */
    async resetUserTotp(actor: AuthUser, userId: number): Promise<void> {
      if (actor.id === userId) throw refused('FORBIDDEN', issue('mfa.reset_own'));
      await userRow(userId);
      await inTransaction(db, async () => {
        if (!(await repo.findTotp(userId))) throw refused('CONFLICT', issue('mfa.user_has_none'));
        await repo.deleteTotp(userId);
        await writeAudit(db, {
          userId: actor.id,
          entity: 'auth',
          entityId: userId,
          projectId: null,
          action: 'totp_disabled',
          note: 'by an administrator',
        });
      });
    },

    async listSessions(auth: AuthContext, userId: number): Promise<{ items: SessionInfo[]; total: number }> {
      if (userId !== auth.user.id) await userRow(userId);
      const items = (await sessions.listLive(userId)).map((row) => toSessionInfo(row, auth.sessionId));
      return { items, total: items.length };
    },

    /** Ends a session at once: one's own, or (administrators) anyone's. Others' sessions are 404 to everyone else. */
    async revokeSession(auth: AuthContext, res: Response, publicId: string): Promise<void> {
      const row = await sessions.findByPublicId(publicId);
      const mayRevoke = row && (row.userId === auth.user.id || hasPermission(auth.user.role, 'users:manage'));
      if (!row || !mayRevoke) throw notFound('Session');
      if (row.id === auth.sessionId) await sessions.end(res, row.id);
      else await sessions.endById(row.id);
      await writeAudit(db, { userId: auth.user.id, entity: 'auth', entityId: row.userId, projectId: null, action: 'session_revoked' });
    },

    /** A one-time link (256-bit token, stored hashed) for the administrator to pass on; earlier open links expire. */
    async createPasswordReset(actor: AuthUser, userId: number): Promise<PasswordResetLink> {
      const target = await userRow(userId);
      const token = randomBytes(32).toString('base64url');
      const at = now();
      const expiresAt = at + RESET_LINK_TTL_MS;
      await inTransaction(db, async () => {
        await repo.expireOpenResetTokens(target.id, at);
        await repo.insertResetToken({
          userId: target.id,
          tokenHash: sha256(token),
          createdBy: actor.id,
          createdAt: new Date(at).toISOString(),
          expiresAt,
        });
        await writeAudit(db, { userId: actor.id, entity: 'auth', entityId: target.id, projectId: null, action: 'password_reset_issued' });
      });
      return { path: `/reset-password#token=${token}`, expiresAt: new Date(expiresAt).toISOString() };
    },

    /**
     * Sets a new password with a link's token: once, before it expires; every session of the
     * user ends. Bad links are counted per address on a counter of their own, so failed
     * sign-ins from an address never stand in the way of a reset (decision 014).
     */
    async resetPassword(req: Request, input: PasswordResetInput): Promise<PasswordResetResult> {
      const claims = await resetLimit.counters.claim([
        {
          scope: 'reset_address',
          key: box.hash(JSON.stringify(['reset', addressGroup(req.ip)])),
          rule: { free: resetLimit.free, maxMs: 15 * MINUTE_MS },
          enforce: true,
        },
      ]);
      if ('waitMs' in claims) throw tooManyAttempts(claims.waitMs);
      const token = await repo.findResetToken(sha256(input.token));
      if (!token) throw new AppError('RESET_LINK_INVALID', 'This password-reset link is not valid; check that it was copied whole');
      if (token.usedAt) throw new AppError('RESET_LINK_USED', 'This password-reset link has already been used; ask an administrator for a new one');
      if (token.expiresAt <= now())
        throw new AppError('RESET_LINK_EXPIRED', 'This password-reset link has expired; ask an administrator for a new one');

      const passwordHash = await hashPassword(input.newPassword);
      // A good link gives its count back; a refused one keeps it.
      await resetLimit.counters.release(claims);
      const email = await inTransaction(db, async () => {
        if (!(await repo.consumeResetToken(token.id))) {
          throw new AppError('RESET_LINK_USED', 'This password-reset link has already been used; ask an administrator for a new one');
        }
        const user = await userRow(token.userId);
        await usersTable.setPassword(user.id, passwordHash);
        await writeAudit(db, { userId: user.id, entity: 'auth', entityId: user.id, projectId: null, action: 'password_reset' });
        // Whoever held a session (the one who forgot, or someone who should not) signs in anew.
        await sessions.endAllFor(user.id);
        return user.email;
      });
      return { email };
    },

    async getSettings(): Promise<SecuritySettings> {
      return await readSecuritySettings(db);
    },

    /** Requiring two-factor sign-in for editors takes effect at once, on every session; the admin must have it first. */
    async updateSettings(auth: AuthContext, input: UpdateSecuritySettingsInput): Promise<SecuritySettings> {
      if (input.requireTotpForEditors && !(await hasTotpEnabled(db, auth.user.id))) {
        throw new AppError('MFA_NOT_ENABLED', 'Turn on two-factor sign-in for your own account before requiring it of everyone');
      }
      return await inTransaction(db, async () => {
        const before = await readSecuritySettings(db);
        const after: SecuritySettings = { ...before, ...input };
        await writeSecuritySettings(db, after, auth.user.id);
        await writeAudit(db, {
          userId: auth.user.id,
          entity: 'settings',
          entityId: 0,
          projectId: null,
          action: 'update',
          before,
          after,
          note: 'security',
        });
        return after;
      });
    },
  };
}
export type SecurityService = ReturnType<typeof createSecurityService>;
