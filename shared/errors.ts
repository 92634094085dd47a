import { z } from 'zod';

/** Every error code the API answers with, and the HTTP status it travels with. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  BAD_REQUEST: 400,
  /** An uploaded file is not of an accepted type, judged by its content. */
  FILE_TYPE_NOT_ALLOWED: 400,
  /** A password-reset link that does not exist (mistyped or cut short). */
  RESET_LINK_INVALID: 400,
  /** A password-reset link that has already been used once. */
  RESET_LINK_USED: 400,
  /** A password-reset link past its expiry. */
  RESET_LINK_EXPIRED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  /** A wrong, reused or stale two-factor code (or recovery code). */
  INVALID_MFA_CODE: 401,
  /** The two-factor step of a sign-in came too late or too often; sign in with the password again. */
  MFA_CHALLENGE_EXPIRED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  /** Two-factor sign-in is required for this role and not set up yet: only the set-up routes answer. */
  MFA_ENROLMENT_REQUIRED: 403,
  /** A reviewer tried to approve a value they submitted themselves. */
  SELF_APPROVAL: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  CONFLICT: 409,
  HAS_DEPENDENTS: 409,
  /** The record's status does not allow this action (e.g. approving a draft). */
  INVALID_TRANSITION: 409,
  /** The period's value is approved, so the period takes no edits until an admin unlocks it. */
  PERIOD_LOCKED: 409,
  /** Two-factor sign-in cannot be turned off while it is required for the user's role. */
  MFA_REQUIRED_FOR_ROLE: 409,
  /** An administrator must have two-factor sign-in before requiring it of everyone. */
  MFA_NOT_ENABLED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/**
 * One problem with a field of a request. `code` is a rule of shared/issues.ts (with its
 * `params`) or, for zod's own checks, zod's issue code; `message` is English, for API
 * clients and for a code the client does not know.
 */
export const ErrorIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorIssue = z.infer<typeof ErrorIssueSchema>;

/**
 * The rule behind a refusal that is not about one field (a conflict, a record with
 * dependents, a step its state does not allow), sent as `details.rule`.
 */
export const ErrorRuleSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.unknown()),
});
export type ErrorRule = z.infer<typeof ErrorRuleSchema>;

/** The one error body every failing API response carries. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
