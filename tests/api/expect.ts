import { expect } from 'vitest';
import type { Db } from '../../server/src/db/client';
import { databaseDigest, type ApiResponse } from './harness';

/**
 * Runs a request that must be refused with `status` and `code` in the one error shape, and
 * proves it changed nothing in the database; returns the response for further checks.
 */
export async function expectRejected(db: Db, call: () => Promise<ApiResponse>, status: number, code: string): Promise<ApiResponse> {
  const before = await databaseDigest(db);
  const res = await call();
  expect(res).toBeRejectedWith(status, code);
  expect(await databaseDigest(db), 'a refused request changed the database').toBe(before);
  return res;
}

export type ValidationIssue = { path: string; message: string; code?: string };

/** The field issues of a 400 VALIDATION_FAILED refusal. */
export function issuesOf(res: ApiResponse): ValidationIssue[] {
  const issues: unknown = res.body?.error?.details?.issues;
  expect(Array.isArray(issues), `no details.issues in ${res.text}`).toBe(true);
  return issues as ValidationIssue[];
}

/** The paths of the field issues of a 400 VALIDATION_FAILED refusal. */
export const issuePaths = (res: ApiResponse): string[] => issuesOf(res).map((issue) => issue.path);

/** An expected field issue: at a path, or an unknown field that its message must name. */
export type ExpectedIssue = { path: string } | { unknown: string };

/** The refusal lists the expected field issue among its issues. */
export function expectIssue(res: ApiResponse, expected: ExpectedIssue): void {
  const issues = issuesOf(res);
  if ('path' in expected) {
    expect(
      issues.map((i) => i.path),
      JSON.stringify(issues),
    ).toContain(expected.path);
  } else {
    expect(
      issues.some((i) => i.code === 'unrecognized_keys' && i.message.includes(expected.unknown)),
      JSON.stringify(issues),
    ).toBe(true);
  }
}

/** A request refused with 400 VALIDATION_FAILED naming the expected issue, having changed nothing. */
export async function expectValidationFailed(db: Db, call: () => Promise<ApiResponse>, expected: ExpectedIssue): Promise<ApiResponse> {
  const res = await expectRejected(db, call, 400, 'VALIDATION_FAILED');
  expectIssue(res, expected);
  return res;
}
