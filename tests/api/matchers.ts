import type { MatcherResult, MatcherState } from 'vitest';
import type { ApiResponse } from './harness';

const ERROR_KEYS = ['code', 'message', 'details'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with a response that should be a refusal of `status` and `code` in the one
 * error shape `{"error":{"code","message","details"?}}`, sent as JSON; empty when nothing is.
 */
export function rejectionProblems(res: ApiResponse, status: number, code: string): string[] {
  const problems: string[] = [];
  if (res.status !== status) problems.push(`status ${res.status}, expected ${status}`);
  const type = res.headers.get('content-type') ?? '';
  if (!/^application\/json/.test(type)) problems.push(`content-type ${JSON.stringify(type)}, expected application/json`);
  const body: unknown = res.body;
  if (!isRecord(body) || !isRecord(body.error) || Object.keys(body).length !== 1) {
    problems.push('the body is not {"error":{...}} alone');
    return problems;
  }
  const error = body.error;
  if (error.code !== code) problems.push(`code ${JSON.stringify(error.code)}, expected ${JSON.stringify(code)}`);
  if (typeof error.message !== 'string' || error.message === '') problems.push('no message');
  const extra = Object.keys(error).filter((key) => !ERROR_KEYS.includes(key));
  if (extra.length > 0) problems.push(`keys beyond code, message and details: ${extra.join(', ')}`);
  return problems;
}

function toBeRejectedWith(this: MatcherState, received: ApiResponse, status: number, code: string): MatcherResult {
  const problems = rejectionProblems(received, status, code);
  return {
    pass: problems.length === 0,
    message: () =>
      this.isNot
        ? `expected a response other than a ${status} ${code} refusal, got one: ${received.text}`
        : `expected a ${status} ${code} refusal in the error shape: ${problems.join('; ')}\nbody: ${received.text}`,
    actual: { status: received.status, body: received.body as unknown },
    expected: { status, body: { error: { code, message: '(any text)' } } },
  };
}

/** Registered for the API projects by tests/setup/api-matchers.ts. */
export const apiMatchers = { toBeRejectedWith };

declare module 'vitest' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Matchers<T = any> {
    /**
     * The response refuses with this status and error code, as JSON in the one error shape
     * `{"error":{"code","message","details"?}}` (a non-empty message, no other keys).
     */
    toBeRejectedWith(status: number, code: string): void;
  }
}
