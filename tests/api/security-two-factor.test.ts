import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, makeUser, TEST_PASSWORD } from '../factories';
import { databaseDigest, GENEROUS_SIGN_IN_LIMITS, startTestApp, type TestApp } from './harness';
import { rawAll, rawGet, rawRun } from './raw-sql';
import { forgetUsedCodes, totpCode } from './totp-support';
import { sessionCookieSet, sessionRows, enrolledUser, passwordStep } from './session-support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits out the last two seconds of a 30-second step, so a code made now is checked in the same step. */
async function awayFromStepEdge() {
  const intoStep = Date.now() % 30_000;
  if (intoStep > 28_000) await sleep(30_000 - intoStep + 100);
}

describe('two-factor sign-in (TOTP)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  describe('enrolment', () => {
    it('POST /auth/totp/setup returns the secret, an otpauth URI and a QR code; the database holds only a sealed secret and GET /auth/totp never shows it', async () => {
      const user = await makeUser(app.db, { role: 'manager' });
      const client = await app.login(user.email);
      const res = await client.post('/auth/totp/setup');
      expect(res.status, res.text).toBe(200);
      expect(res.body.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(res.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Hamkori:/);
      expect(res.body.otpauthUri).toContain(`secret=${res.body.secret}`);
      expect(res.body.otpauthUri).toContain('digits=6');
      expect(res.body.otpauthUri).toContain('period=30');
      expect(res.body.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Buffer.from(res.body.qrDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');

      const stored = await rawGet<{ secret: string; enabled_at: string | null }>(app.db, 'SELECT * FROM user_totp WHERE user_id = ?', user.id);
      expect(stored?.enabled_at).toBeNull();
      expect(stored?.secret).not.toContain(res.body.secret);
      expect(stored?.secret).toMatch(/^v1\./);

      const status = await client.get('/auth/totp');
      expect(status.body).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false });
      expect(status.text).not.toContain(res.body.secret);
    });

    it('POST /auth/totp/enable with a wrong code returns 401 INVALID_MFA_CODE and leaves it off', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const setup = await client.post('/auth/totp/setup');
      const wrong = totpCode(setup.body.secret) === '000000' ? '111111' : '000000';
      const before = await databaseDigest(app.db);
      expect(await client.post('/auth/totp/enable', { code: wrong })).toBeRejectedWith(401, 'INVALID_MFA_CODE');
      expect(await databaseDigest(app.db)).toBe(before);
      expect((await client.get('/auth/totp')).body.enabled).toBe(false);
      // The session survives a wrong code: it was a typo, not a lost session.
      expect((await client.get('/auth/me')).status).toBe(200);
    });

    it('POST /auth/totp/enable without a set-up returns 409 CONFLICT', async () => {
      const client = await app.login((await makeUser(app.db)).email);
      expect(await client.post('/auth/totp/enable', { code: '123456' })).toBeRejectedWith(409, 'CONFLICT');
    });

    it('POST /auth/totp/enable with the current code turns it on and returns 10 recovery codes once, stored only as hashes, with an audit row', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const setup = await client.post('/auth/totp/setup');
      const res = await client.post('/auth/totp/enable', { code: totpCode(setup.body.secret) });
      expect(res.status, res.text).toBe(200);
      expect(res.body.recoveryCodes).toHaveLength(10);
      for (const code of res.body.recoveryCodes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
      expect(new Set(res.body.recoveryCodes).size).toBe(10);

      const stored = await rawAll<{ code_hash: string }>(app.db, 'SELECT code_hash FROM recovery_codes WHERE user_id = ?', user.id);
      expect(stored).toHaveLength(10);
      const dump = JSON.stringify(stored);
      for (const code of res.body.recoveryCodes as string[]) {
        expect(dump).not.toContain(code);
        expect(dump).not.toContain(code.replace(/-/g, ''));
      }
      const status = await client.get('/auth/totp');
      expect(status.body).toEqual({ enabled: true, enabledAt: expect.any(String), recoveryCodesLeft: 10, required: false });
      expect(status.text).not.toContain(res.body.recoveryCodes[0]);
      expect((await auditRows(app.db, 'auth', user.id)).map((r) => r.action)).toContain('totp_enabled');

      expect(await client.post('/auth/totp/setup')).toBeRejectedWith(409, 'CONFLICT');
      expect(await client.post('/auth/totp/enable', { code: totpCode(setup.body.secret) })).toBeRejectedWith(409, 'CONFLICT');
    });
  });

  describe('sign-in of an enrolled user', () => {
    it('the right password answers 200 {mfaRequired, mfaToken} with no session; the right code then gives {user, csrfToken} and the cookie', async () => {
      const { user, secret } = await enrolledUser(app);
      await forgetUsedCodes(app.db, user.id);
      const client = app.anonymous();
      const first = await passwordStep(app, user.email, client);
      expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/) });
      expect(sessionCookieSet(first)).toBeUndefined();
      expect(client.cookie).toBe('');
      // Only the session the enrolment was made in.
      expect(await sessionRows(app, user.id)).toHaveLength(1);

      const second = await client.post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: totpCode(secret) });
      expect(second.status, second.text).toBe(200);
      expect(second.body).toEqual({
        user: { id: user.id, email: user.email, name: user.name, role: 'manager', locale: 'en' },
        csrfToken: expect.any(String),
      });
      expect(sessionCookieSet(second)).toBeDefined();
      client.csrfToken = second.body.csrfToken;
      expect((await client.get('/auth/me')).status).toBe(200);
      expect(await sessionRows(app, user.id)).toHaveLength(2);
      // The challenge is used up.
      expect(await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: totpCode(secret) })).toBeRejectedWith(
        401,
        'MFA_CHALLENGE_EXPIRED',
      );
    });

    it('a wrong code returns 401 INVALID_MFA_CODE and starts no session; five wrong codes end the challenge', async () => {
      const { user, secret } = await enrolledUser(app);
      await forgetUsedCodes(app.db, user.id);
      const first = await passwordStep(app, user.email);
      const right = totpCode(secret);
      const wrong = right === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        const res = await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: wrong });
        expect(res).toBeRejectedWith(401, 'INVALID_MFA_CODE');
        expect(sessionCookieSet(res)).toBeUndefined();
      }
      expect(await sessionRows(app, user.id)).toHaveLength(1);
      expect(await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: right })).toBeRejectedWith(
        401,
        'MFA_CHALLENGE_EXPIRED',
      );
    });

    it('a code that was used once is refused the second time (no replay), even with a new challenge', async () => {
      const { user, secret } = await enrolledUser(app);
      await forgetUsedCodes(app.db, user.id);
      await awayFromStepEdge();
      const code = totpCode(secret);
      const first = await passwordStep(app, user.email);
      expect((await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken, code })).status).toBe(200);
      const again = await passwordStep(app, user.email);
      expect(await app.anonymous().post('/auth/login/totp', { mfaToken: again.body.mfaToken, code })).toBeRejectedWith(401, 'INVALID_MFA_CODE');
    });

    it('accepts the code of the previous 30-second step, and refuses one two steps old', async () => {
      const { user, secret } = await enrolledUser(app);
      await awayFromStepEdge();
      await forgetUsedCodes(app.db, user.id);
      const previous = await passwordStep(app, user.email);
      const ok = await app.anonymous().post('/auth/login/totp', { mfaToken: previous.body.mfaToken, code: totpCode(secret, Date.now() - 30_000) });
      expect(ok.status, ok.text).toBe(200);

      await forgetUsedCodes(app.db, user.id);
      const old = await passwordStep(app, user.email);
      const stale = totpCode(secret, Date.now() - 60_000);
      if (stale !== totpCode(secret) && stale !== totpCode(secret, Date.now() - 30_000) && stale !== totpCode(secret, Date.now() + 30_000)) {
        expect(await app.anonymous().post('/auth/login/totp', { mfaToken: old.body.mfaToken, code: stale })).toBeRejectedWith(
          401,
          'INVALID_MFA_CODE',
        );
      }
    });

    it('a recovery code signs in once (any case, with or without dashes), and only once', async () => {
      const { user, recoveryCodes } = await enrolledUser(app);
      const code = recoveryCodes[3]!;
      const first = await passwordStep(app, user.email);
      const client = app.anonymous();
      const res = await client.post('/auth/login/totp', { mfaToken: first.body.mfaToken, recoveryCode: ` ${code.replace(/-/g, '').toUpperCase()} ` });
      expect(res.status, res.text).toBe(200);
      client.csrfToken = res.body.csrfToken;
      expect((await client.get('/auth/totp')).body.recoveryCodesLeft).toBe(9);

      const again = await passwordStep(app, user.email);
      expect(await app.anonymous().post('/auth/login/totp', { mfaToken: again.body.mfaToken, recoveryCode: code })).toBeRejectedWith(
        401,
        'INVALID_MFA_CODE',
      );
      // Another user's recovery code is no good either.
      const other = await enrolledUser(app);
      const third = await passwordStep(app, user.email);
      expect(
        await app.anonymous().post('/auth/login/totp', { mfaToken: third.body.mfaToken, recoveryCode: other.recoveryCodes[0] }),
      ).toBeRejectedWith(401, 'INVALID_MFA_CODE');
    });

    it('an unknown challenge returns 401 MFA_CHALLENGE_EXPIRED; a code and a recovery code together, or neither, return 400', async () => {
      const { user, secret, recoveryCodes } = await enrolledUser(app);
      expect(await app.anonymous().post('/auth/login/totp', { mfaToken: 'made-up-token', code: '123456' })).toBeRejectedWith(
        401,
        'MFA_CHALLENGE_EXPIRED',
      );
      const first = await passwordStep(app, user.email);
      expect(
        await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: totpCode(secret), recoveryCode: recoveryCodes[0] }),
      ).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken })).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: '12345' })).toBeRejectedWith(
        400,
        'VALIDATION_FAILED',
      );
    });

    it('the code step of a disabled account answers 401 MFA_CHALLENGE_EXPIRED', async () => {
      const { user, secret } = await enrolledUser(app);
      await forgetUsedCodes(app.db, user.id);
      const first = await passwordStep(app, user.email);
      await rawRun(app.db, 'UPDATE users SET disabled_at = ? WHERE id = ?', new Date().toISOString(), user.id);
      expect(await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: totpCode(secret) })).toBeRejectedWith(
        401,
        'MFA_CHALLENGE_EXPIRED',
      );
    });
  });

  describe('turning it off', () => {
    it('POST /auth/totp/disable needs the password and a code: wrong password 401 INVALID_CREDENTIALS, wrong code 401 INVALID_MFA_CODE, both right 204', async () => {
      const { user, client, secret } = await enrolledUser(app);
      await forgetUsedCodes(app.db, user.id);
      const code = totpCode(secret);
      const wrong = code === '000000' ? '111111' : '000000';
      const before = await databaseDigest(app.db);
      expect(await client.post('/auth/totp/disable', { password: 'not my password', code })).toBeRejectedWith(401, 'INVALID_CREDENTIALS');
      expect(await client.post('/auth/totp/disable', { password: TEST_PASSWORD, code: wrong })).toBeRejectedWith(401, 'INVALID_MFA_CODE');
      expect(await databaseDigest(app.db)).toBe(before);
      expect((await client.get('/auth/me')).status).toBe(200);

      const res = await client.post('/auth/totp/disable', { password: TEST_PASSWORD, code });
      expect(res.status, res.text).toBe(204);
      expect((await client.get('/auth/totp')).body).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
      expect(await rawGet(app.db, 'SELECT count(*) AS n FROM recovery_codes WHERE user_id = ?', user.id)).toEqual({ n: 0 });
      expect((await auditRows(app.db, 'auth', user.id)).map((r) => r.action)).toContain('totp_disabled');
      // The password alone signs in again.
      const login = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(login.body.csrfToken).toEqual(expect.any(String));
      expect(await client.post('/auth/totp/disable', { password: TEST_PASSWORD, code })).toBeRejectedWith(409, 'CONFLICT');
    });

    it('a recovery code can stand in for the code when turning it off', async () => {
      const { client, recoveryCodes } = await enrolledUser(app);
      const res = await client.post('/auth/totp/disable', { password: TEST_PASSWORD, code: recoveryCodes[0] });
      expect(res.status, res.text).toBe(204);
    });

    it('an administrator turns off another user’s two-factor sign-in with DELETE /users/:id/totp (not their own)', async () => {
      const admin = await enrolledUser(app, 'admin');
      const target = await enrolledUser(app);
      expect((await admin.client.delete(`/users/${target.user.id}/totp`)).status).toBe(204);
      expect((await target.client.get('/auth/totp')).body.enabled).toBe(false);
      const rows = (await auditRows(app.db, 'auth', target.user.id)).filter((r) => r.action === 'totp_disabled');
      expect(rows).toEqual([expect.objectContaining({ user_id: admin.user.id, note: 'by an administrator' })]);
      expect(await admin.client.delete(`/users/${target.user.id}/totp`)).toBeRejectedWith(409, 'CONFLICT');
      expect(await admin.client.delete(`/users/${admin.user.id}/totp`)).toBeRejectedWith(403, 'FORBIDDEN');
    });
  });
});

describe('the TOTP step is throttled like the password', () => {
  it('after 3 wrong codes on an account from one address the next try there, even with the right password, gets 429 with Retry-After', async () => {
    const app = await startTestApp({ signInLimits: { ...GENEROUS_SIGN_IN_LIMITS, pairFree: 3 } });
    try {
      const { user, secret } = await enrolledUser(app);
      await forgetUsedCodes(app.db, user.id);
      const right = totpCode(secret);
      const wrong = right === '000000' ? '111111' : '000000';
      for (let i = 0; i < 3; i++) {
        const first = await passwordStep(app, user.email);
        expect(await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: wrong })).toBeRejectedWith(
          401,
          'INVALID_MFA_CODE',
        );
      }
      // The password step is held back too: the right password does not buy more tries.
      const held = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(held).toBeRejectedWith(429, 'RATE_LIMITED');
      expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await sessionRows(app, user.id)).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
