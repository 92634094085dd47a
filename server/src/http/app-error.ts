import { ERROR_STATUS, type ErrorCode } from '@shared/errors';

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
export const validationFailed = (issues: { path: string; message: string }[]) =>
  new AppError('VALIDATION_FAILED', 'Some fields are not valid', { issues });
