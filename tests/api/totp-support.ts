import { Secret, TOTP } from 'otpauth';
import { userTotp } from '../../server/src/db/schema';
import type { Db } from '../../server/src/db/client';
import { TEST_PASSWORD } from '../factories';
import type { ApiClient, TestApp } from './harness';
import { rawRun } from './raw-sql';

/** The code an authenticator app shows for the secret at a moment (now by default). */
export function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
}

/** Sets up and turns on two-factor sign-in through the API for the signed-in client; returns the secret and recovery codes. */
export async function enrolTotp(client: ApiClient): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await client.post('/auth/totp/setup');
  if (setup.status !== 200) throw new Error(`setup failed: ${setup.status} ${setup.text}`);
  const secret = (setup.body as { secret: string }).secret;
  const enable = await client.post('/auth/totp/enable', { code: totpCode(secret) });
  if (enable.status !== 200) throw new Error(`enable failed: ${enable.status} ${enable.text}`);
  return { secret, recoveryCodes: (enable.body as { recoveryCodes: string[] }).recoveryCodes };
}

/**
 * Forgets which time step was used last, so a test may use the current code again.
 * Only for tests that are not about replay: the server refuses a code used before.
 */
export async function forgetUsedCodes(db: Db, userId: number): Promise<void> {
  await rawRun(db, 'UPDATE user_totp SET last_used_step = NULL WHERE user_id = ?', userId);
}

/** Signs in with password and current code; the returned client holds the session. */
export async function loginWithTotp(app: TestApp, email: string, secret: string, userId: number): Promise<ApiClient> {
  await forgetUsedCodes(app.db, userId);
  const client = app.anonymous();
  const first = await client.post('/auth/login', { email, password: TEST_PASSWORD });
  if (first.status !== 200 || !first.body.mfaToken) throw new Error(`login as ${email} did not ask for a code: ${first.status} ${first.text}`);
  const second = await client.post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: totpCode(secret) });
  if (second.status !== 200) throw new Error(`second step for ${email} failed: ${second.status} ${second.text}`);
  client.csrfToken = (second.body as { csrfToken: string }).csrfToken;
  return client;
}

/** A user's two-factor row as if enrolled, for routes that never read the secret (an admin turning it off). */
export async function markTotpEnabled(db: Db, userId: number): Promise<void> {
  await db.insert(userTotp).values({ userId, secret: 'v1.not.a.secret', enabledAt: new Date().toISOString() });
}
