import { z } from 'zod';
import type { Role } from '../enums';
import { RecoveryCodeSchema, TotpCodeSchema } from './auth';

/** Roles that edit data; an administrator can require two-factor sign-in for all of them. */
export const EDITOR_ROLES = ['admin', 'manager'] as const satisfies readonly Role[];

export function isEditorRole(role: Role): boolean {
  return (EDITOR_ROLES as readonly Role[]).includes(role);
}

/** How many one-time recovery codes an enrolment hands out. */
export const RECOVERY_CODE_COUNT = 10;

/** The signed-in user's two-factor state. The secret is never part of it. */
export const TotpStatusSchema = z.object({
  enabled: z.boolean(),
  enabledAt: z.string().nullable(),
  recoveryCodesLeft: z.number().int(),
  /** An administrator requires two-factor sign-in for this user's role. */
  required: z.boolean(),
});
export type TotpStatus = z.infer<typeof TotpStatusSchema>;

/** Answer to POST /auth/totp/setup, the only time the secret leaves the server. */
export const TotpSetupSchema = z.object({
  /** Base32, for typing into an app by hand. */
  secret: z.string(),
  /** otpauth://totp/… as the QR code holds it. */
  otpauthUri: z.string(),
  /** The QR code as an SVG data URL. */
  qrDataUrl: z.string(),
});
export type TotpSetup = z.infer<typeof TotpSetupSchema>;

export const EnableTotpInput = z.strictObject({ code: TotpCodeSchema });
export type EnableTotpInput = z.infer<typeof EnableTotpInput>;

/** Shown once, right after two-factor sign-in is turned on; only their hashes are kept. */
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

/** Turning two-factor sign-in off takes the password and a current code (or a recovery code). */
export const DisableTotpInput = z.strictObject({
  password: z.string().min(1, 'Required').max(256),
  code: z.union([TotpCodeSchema, RecoveryCodeSchema], { error: 'Six digits or a recovery code' }),
});
export type DisableTotpInput = z.infer<typeof DisableTotpInput>;

/** One signed-in session as lists show it; the session token never leaves the cookie. */
export const SessionInfoSchema = z.object({
  /** A random handle for revoking, unrelated to the cookie token. */
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  /** The session this request came from. */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const SessionIdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Not a session id') });

export const SecuritySettingsSchema = z.object({ requireTotpForEditors: z.boolean() });
export type SecuritySettings = z.infer<typeof SecuritySettingsSchema>;

export const UpdateSecuritySettingsInput = z.strictObject({ requireTotpForEditors: z.boolean() });
export type UpdateSecuritySettingsInput = z.infer<typeof UpdateSecuritySettingsInput>;

/** A one-time password-reset link for an administrator to pass on; the token sits in the fragment, so servers never log it. */
export const PasswordResetLinkSchema = z.object({ path: z.string(), expiresAt: z.string() });
export type PasswordResetLink = z.infer<typeof PasswordResetLinkSchema>;
