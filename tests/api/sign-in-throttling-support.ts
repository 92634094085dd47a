import { expect } from 'vitest';
import { auditRows, CHEAP_PASSWORD_HASH, makeUser as makeCostlyUser, TEST_PASSWORD } from '../factories';
import { startTestApp, type ApiResponse, type TestApp } from './harness';

/** The production thresholds (docs/decisions/014-sign-in-throttling.md), spelt out so a change to them is a visible change here. */
export const PAIR_FREE = 5;

export const A = '203.0.113.10';

export const B = '198.51.100.20';

/** Checking passwords is slow on purpose, and slower on a busy machine. */
export const TIMEOUT = 120_000;

/** An app on the production thresholds whose throttling clock the test moves by hand. */
export type Clocked = { app: TestApp; advance(ms: number): void };

/** Users whose password is checked in milliseconds: these tests check hundreds of wrong ones. */
export const makeUser = async (db: TestApp['db'], overrides: Parameters<typeof makeCostlyUser>[1] = {}) =>
  await makeCostlyUser(db, { passwordHash: CHEAP_PASSWORD_HASH, ...overrides });

export const opened: TestApp[] = [];

export async function clockedApp(options: Parameters<typeof startTestApp>[0] = {}): Promise<Clocked> {
  let now = Date.now();
  const app = await startTestApp({ signInLimits: {}, signInClock: () => now, ...options });
  opened.push(app);
  return {
    app,
    advance(ms) {
      now += ms;
    },
  };
}

export function expectThrottled(res: ApiResponse, seconds: number) {
  expect(res.status, res.text).toBe(429);
  expect(res.headers.get('retry-after')).toBe(String(seconds));
  const rule =
    seconds <= 90
      ? { code: 'attempts.wait_seconds', params: { seconds } }
      : { code: 'attempts.wait_minutes', params: { minutes: Math.ceil(seconds / 60) } };
  expect(res.body).toEqual({ error: { code: 'RATE_LIMITED', message: expect.any(String), details: { retryAfterSeconds: seconds, rule } } });
  expect(res.headers.getSetCookie().some((c) => c.startsWith('hamkori_session=') && !c.startsWith('hamkori_session=;'))).toBe(false);
}

export const wrongLogin = (app: TestApp, email: string, from: string) =>
  app.anonymous(from).post('/auth/login', { email, password: 'not the password at all' });

export const rightLogin = (app: TestApp, email: string, from: string) => app.anonymous(from).post('/auth/login', { email, password: TEST_PASSWORD });

/** Wrong passwords from `from`, each after the wait the previous answer asked for; the statuses seen. */
export async function failRepeatedly(clocked: Clocked, email: string, from: string, times: number) {
  for (let i = 0; i < times; i++) {
    let res = await wrongLogin(clocked.app, email, from);
    if (res.status === 429) {
      clocked.advance(Number(res.headers.get('retry-after')) * 1000);
      res = await wrongLogin(clocked.app, email, from);
    }
    expect(res.status, res.text).toBe(401);
  }
}

export const alerts = async (app: TestApp, entityId?: number) =>
  (await auditRows(app.db, 'auth', entityId)).filter((r) => r.action === 'sign_in_throttled' || r.action === 'sign_in_guessing_suspected');
