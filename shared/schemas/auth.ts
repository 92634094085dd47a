import { z } from 'zod';
import { NewPasswordSchema } from '../passwords';
import { AccountLocaleSchema, LocaleSchema, RoleSchema } from './user';

export const LoginInput = z.strictObject({
  email: z.string().trim().toLowerCase().min(1, 'Required').max(254),
  password: z.string().min(1, 'Required').max(256),
  /**
   * The language the sign-in page is shown in (detected from the browser or picked there).
   * It becomes the account's language when the account has none yet, and changes nothing
   * otherwise. With two-factor sign-in it is kept until the code step starts the session.
   */
  locale: LocaleSchema.optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

/** The signed-in user as the client needs it. */
export const SessionUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  /** Null while the account has no language chosen: the interface keeps the browser's. */
  locale: AccountLocaleSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

/**
 * A signed-in session: the user and the session's CSRF token. `mfaEnrolmentRequired` is
 * present (and true) only when an administrator requires two-factor sign-in for the
 * user's role and the user has not set it up: the session may then do nothing but set
 * it up (every other route answers 403 MFA_ENROLMENT_REQUIRED).
 */
export const SessionResponseSchema = z.object({
  user: SessionUserSchema,
  csrfToken: z.string(),
  mfaEnrolmentRequired: z.literal(true).optional(),
});
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

/** The password was right and the account has two-factor sign-in: send a code with this token to POST /auth/login/totp. */
export const MfaChallengeSchema = z.object({ mfaRequired: z.literal(true), mfaToken: z.string() });
export type MfaChallenge = z.infer<typeof MfaChallengeSchema>;

/** What POST /auth/login answers: a session, or (two-factor accounts) a challenge; tell them apart with isMfaChallenge. */
export const AuthResponseSchema = z.union([MfaChallengeSchema, SessionResponseSchema]);
export type AuthResponse = z.infer<typeof AuthResponseSchema>;

export function isMfaChallenge(response: AuthResponse): response is MfaChallenge {
  return 'mfaRequired' in response && response.mfaRequired === true;
}

/** Six digits from the authenticator app; spaces ("123 456") are ignored. */
export const TotpCodeSchema = z
  .string()
  .max(20)
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Six digits'));

/** A one-time recovery code (xxxx-xxxx-xxxx); case, spaces and dashes do not matter. */
export const RecoveryCodeSchema = z
  .string()
  .max(64)
  .transform((s) => s.replace(/[\s-]+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-z]{12}$/, 'Not a recovery code'));

/** The second step of a two-factor sign-in: the challenge token and either a code or a recovery code. */
export const LoginTotpInput = z
  .strictObject({
    mfaToken: z.string().min(1, 'Required').max(200),
    code: TotpCodeSchema.optional(),
    recoveryCode: RecoveryCodeSchema.optional(),
  })
  .refine((v) => (v.code === undefined) !== (v.recoveryCode === undefined), {
    message: 'Send either a code or a recovery code',
    path: ['code'],
  });
export type LoginTotpInput = z.infer<typeof LoginTotpInput>;

/** Setting a new password with a one-time link an administrator made. */
export const PasswordResetInput = z.strictObject({
  token: z.string().min(1, 'Required').max(200),
  newPassword: NewPasswordSchema,
});
export type PasswordResetInput = z.infer<typeof PasswordResetInput>;

export const PasswordResetResultSchema = z.object({ email: z.string() });
export type PasswordResetResult = z.infer<typeof PasswordResetResultSchema>;

/** The user chooses a language in the app; it is saved on the account (a choice cannot be taken back to none). */
export const UpdatePreferencesInput = z.strictObject({ locale: LocaleSchema });
export type UpdatePreferencesInput = z.infer<typeof UpdatePreferencesInput>;

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;
