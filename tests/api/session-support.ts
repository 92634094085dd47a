import { expect } from 'vitest';
import { makeUser, TEST_PASSWORD } from '../factories';
import { ApiClient, type ApiResponse, type TestApp } from './harness';
import { rawAll } from './raw-sql';
import { enrolTotp } from './totp-support';

/** The Set-Cookie entry that sets (not clears) the session cookie, or undefined. */
export function sessionCookieSet(res: ApiResponse, name = 'hamkori_session'): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`));
}

/** A client that replays a saved cookie, to prove what the server thinks of an old session. */
export function clientWithCookie(app: TestApp, cookie: string, csrfToken = ''): ApiClient {
  const client = app.anonymous();
  client.cookie = cookie;
  client.csrfToken = csrfToken;
  return client;
}

/** A user's session rows, read from the table itself. */
export const sessionRows = (app: TestApp, userId: number) =>
  rawAll<{ id: string; csrf_token: string; public_id: string; last_seen_at: number; expires_at: number }>(
    app.db,
    'SELECT * FROM sessions WHERE user_id = ?',
    userId,
  );

/** A signed-in user of the role with two-factor sign-in on. */
export async function enrolledUser(app: TestApp, role: 'admin' | 'manager' | 'partner' = 'manager') {
  const user = await makeUser(app.db, { role });
  const client = await app.login(user.email);
  const { secret, recoveryCodes } = await enrolTotp(client);
  return { user, client, secret, recoveryCodes };
}

/** Passes the password step of sign-in (the answer then asks for the second factor). */
export async function passwordStep(app: TestApp, email: string, client: ApiClient = app.anonymous()) {
  const res = await client.post('/auth/login', { email, password: TEST_PASSWORD });
  expect(res.status, res.text).toBe(200);
  return res;
}
