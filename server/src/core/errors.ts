import { ERROR_STATUS, type ErrorCode } from '@shared/errors';
import { explain, messageOf } from '@shared/issue-messages';
import type { FieldIssue, Issue } from '@shared/issues';

/** The one error type services throw; the error middleware turns it into the one error body. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = 'Record') => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new AppError('FORBIDDEN', message);
export const versionConflict = (current: unknown) =>
  new AppError('VERSION_CONFLICT', 'This record was changed by someone else; reload it and try again', {
    current,
  });
/**
 * Field issues, each a rule of shared/issues.ts (sent with its English sentence), so that
 * the client can say them in the reader's language.
 */
export const validationFailed = (issues: FieldIssue[]) =>
  new AppError('VALIDATION_FAILED', 'Some fields are not valid', { issues: issues.map(explain) });

/**
 * A refusal by a named rule that is not about one field: the rule's English sentence is
 * the message, and its code and params travel as `details.rule` beside any other details
 * (field issues among them get their English too). `headers` go out with the answer (Retry-After).
 */
export const refused = (
  code: ErrorCode,
  rule: Issue,
  details: { issues?: FieldIssue[]; [key: string]: unknown } = {},
  headers?: Record<string, string>,
) => {
  const { issues, ...rest } = details;
  return new AppError(
    code,
    messageOf(rule),
    {
      ...rest,
      ...(issues ? { issues: issues.map(explain) } : {}),
      rule: { code: rule.code, params: rule.params },
    },
    headers,
  );
};
