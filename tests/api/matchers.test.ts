import { describe, expect, it } from 'vitest';
import type { ApiResponse } from './harness';

const res = (status: number, body: unknown, type = 'application/json; charset=utf-8'): ApiResponse => ({
  status,
  headers: new Headers({ 'content-type': type }),
  body,
  text: JSON.stringify(body),
});
const good = { error: { code: 'VERSION_CONFLICT', message: 'Stale' } };

describe('toBeRejectedWith', () => {
  it.each([
    ['wrong status', res(400, good)],
    ['wrong code', res(409, { error: { code: 'CONFLICT', message: 'x' } })],
    ['not JSON', res(409, good, 'text/html')],
    ['extra top-level key', res(409, { ...good, stack: 'x' })],
    ['extra error key', res(409, { error: { ...good.error, stack: 'x' } })],
    ['empty message', res(409, { error: { code: 'VERSION_CONFLICT', message: '' } })],
    ['no body', res(409, undefined)],
  ])('fails a response with %s', (_name, r) => {
    expect(() => expect(r).toBeRejectedWith(409, 'VERSION_CONFLICT')).toThrow(/expected a 409 VERSION_CONFLICT refusal/);
  });
  it('passes a refusal in the one shape, details included, and .not turns it round', () => {
    expect(res(409, { error: { ...good.error, details: { a: 1 } } })).toBeRejectedWith(409, 'VERSION_CONFLICT');
    expect(() => expect(res(409, good)).not.toBeRejectedWith(409, 'VERSION_CONFLICT')).toThrow(/other than/);
  });
});
