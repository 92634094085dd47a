import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_POLICY, MFA_ENROLMENT_ROUTES, type RouteKey } from '../../server/src/http/policy';
import { auditRows, makeResetToken, makeUser, TEST_PASSWORD } from '../factories';
import { ApiClient, databaseDigest, GENEROUS_SIGN_IN_LIMITS, startTestApp, type ApiResponse, type TestApp } from './harness';
import { rawAll, rawGet, rawRun } from './raw-sql';
import { enrolTotp, forgetUsedCodes, loginWithTotp, totpCode } from './totp-support';

const NEW_PASSWORD = 'a brand new passphrase 2026';

/** The Set-Cookie entry that sets (not clears) the session cookie, or undefined. */
function sessionCookieSet(res: ApiResponse): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith('hamkori_session=') && !c.startsWith('hamkori_session=;'));
}

const sessionRows = (app: TestApp, userId: number) =>
  rawAll<{ id: string; csrf_token: string; public_id: string }>(app.db, 'SELECT * FROM sessions WHERE user_id = ?', userId);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits out the last two seconds of a 30-second step, so a code made now is checked in the same step. */
async function awayFromStepEdge() {
  const intoStep = Date.now() % 30_000;
  if (intoStep > 28_000) await sleep(30_000 - intoStep + 100);
}

/** A signed-in user of the role with two-factor sign-in on. */
async function enrolledUser(app: TestApp, role: 'admin' | 'manager' | 'partner' = 'manager') {
  const user = await makeUser(app.db, { role });
  const client = await app.login(user.email);
  const { secret, recoveryCodes } = await enrolTotp(client);
  return { user, client, secret, recoveryCodes };
}

async function passwordStep(app: TestApp, email: string, client: ApiClient = app.anonymous()) {
  const res = await client.post('/auth/login', { email, password: TEST_PASSWORD });
  expect(res.status, res.text).toBe(200);
  return res;
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

describe('requiring two-factor sign-in for editors', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('PATCH /settings/security: an admin without two-factor sign-in gets 409 MFA_NOT_ENABLED; a manager gets 403', async () => {
    const admin = await app.login((await makeUser(app.db, { role: 'admin' })).email);
    const before = await databaseDigest(app.db);
    expect(await admin.patch('/settings/security', { requireTotpForEditors: true })).toBeRejectedWith(409, 'MFA_NOT_ENABLED');
    expect(await databaseDigest(app.db)).toBe(before);
    const manager = await app.login((await makeUser(app.db, { role: 'manager' })).email);
    expect(await manager.patch('/settings/security', { requireTotpForEditors: true })).toBeRejectedWith(403, 'FORBIDDEN');
    expect((await admin.get('/settings/security')).body).toEqual({ requireTotpForEditors: false });
  });

  describe('once an enrolled admin turns it on', () => {
    let admin: Awaited<ReturnType<typeof enrolledUser>>;
    beforeAll(async () => {
      admin = await enrolledUser(app, 'admin');
      const res = await admin.client.patch('/settings/security', { requireTotpForEditors: true });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ requireTotpForEditors: true });
    });
    afterAll(async () => {
      await admin.client.patch('/settings/security', { requireTotpForEditors: false });
    });

    it('a manager without it signs in to {user, csrfToken, mfaEnrolmentRequired: true}, and /auth/me says so too', async () => {
      const manager = await makeUser(app.db, { role: 'manager' });
      const res = await app.anonymous().post('/auth/login', { email: manager.email, password: TEST_PASSWORD });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ user: expect.objectContaining({ id: manager.id }), csrfToken: expect.any(String), mfaEnrolmentRequired: true });
      const client = await app.login(manager.email);
      expect((await client.get('/auth/me')).body.mfaEnrolmentRequired).toBe(true);
      expect((await client.get('/auth/totp')).body).toMatchObject({ enabled: false, required: true });
    });

    it.each(['admin', 'manager'] as const)(
      'a restricted %s gets 403 MFA_ENROLMENT_REQUIRED on every route but set-up, me, language and sign-out',
      async (role) => {
        const user = await makeUser(app.db, { role });
        const client = await app.login(user.email);
        const blocked = (Object.keys(ROUTE_POLICY) as RouteKey[]).filter((k) => ROUTE_POLICY[k] !== 'public' && !MFA_ENROLMENT_ROUTES.has(k));
        expect(blocked.length).toBeGreaterThan(50);
        const before = await databaseDigest(app.db);
        for (const key of blocked) {
          const [method = 'GET', template = ''] = key.split(' ');
          // The guard answers before ids or bodies are looked at, so any will do.
          const path = template.replace(/:[A-Za-z]+/g, '1');
          const res = await client.request(method, path, method === 'GET' ? {} : { body: {} });
          expect(res.status, `${key}: ${res.text}`).toBe(403);
          expect(res.body.error.code, key).toBe('MFA_ENROLMENT_REQUIRED');
        }
        expect(await databaseDigest(app.db)).toBe(before);
        expect((await client.patch('/auth/preferences', { locale: 'ru' })).status).toBe(200);
        expect((await client.get('/auth/totp')).status).toBe(200);

        // Setting it up lifts the restriction on the same session.
        const { secret } = await enrolTotp(client);
        expect(secret).toBeTruthy();
        expect((await client.get('/projects')).status).toBe(200);
        expect((await client.get('/auth/me')).body.mfaEnrolmentRequired).toBeUndefined();
        expect((await client.post('/auth/logout')).status).toBe(204);
      },
    );

    it('a session that was open before the requirement is restricted at once; partners and donors are not', async () => {
      await admin.client.patch('/settings/security', { requireTotpForEditors: false });
      const manager = await app.login((await makeUser(app.db, { role: 'manager' })).email);
      const partner = await app.login((await makeUser(app.db, { role: 'partner' })).email);
      expect((await manager.get('/projects')).status).toBe(200);
      await admin.client.patch('/settings/security', { requireTotpForEditors: true });
      expect(await manager.get('/projects')).toBeRejectedWith(403, 'MFA_ENROLMENT_REQUIRED');
      expect((await partner.get('/projects')).status).toBe(200);
      expect((await partner.get('/auth/me')).body.mfaEnrolmentRequired).toBeUndefined();
      // The admin who has it is not restricted.
      expect((await admin.client.get('/users')).status).toBe(200);
    });

    it('an enrolled manager cannot turn it off while it is required (409 MFA_REQUIRED_FOR_ROLE)', async () => {
      const manager = await enrolledUser(app);
      await forgetUsedCodes(app.db, manager.user.id);
      expect(await manager.client.post('/auth/totp/disable', { password: TEST_PASSWORD, code: totpCode(manager.secret) })).toBeRejectedWith(
        409,
        'MFA_REQUIRED_FOR_ROLE',
      );
      expect((await manager.client.get('/auth/totp')).body).toMatchObject({ enabled: true, required: true });
    });
  });
});

describe('admin password-reset links', () => {
  let app: TestApp;
  let admin: ApiClient;
  let adminId: number;
  beforeAll(async () => {
    app = await startTestApp();
    const user = await makeUser(app.db, { role: 'admin' });
    adminId = user.id;
    admin = await app.login(user.email);
  });
  afterAll(() => app.close());

  const tokenOf = (path: string) => path.split('#token=')[1] ?? '';

  it('POST /users/:id/password-reset returns 201 with /reset-password#token=… (256-bit) expiring in 24 h; only a hash is stored', async () => {
    const user = await makeUser(app.db, { role: 'partner' });
    const start = Date.now();
    const res = await admin.post(`/users/${user.id}/password-reset`);
    expect(res.status, res.text).toBe(201);
    expect(res.body.path).toMatch(/^\/reset-password#token=[A-Za-z0-9_-]{43}$/);
    const expires = Date.parse(res.body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(start + 24 * 3600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 24 * 3600_000 + 1000);
    const rows = await rawAll(app.db, 'SELECT * FROM password_reset_tokens WHERE user_id = ?', user.id);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(tokenOf(res.body.path));
    expect(await auditRows(app.db, 'auth', user.id)).toEqual([expect.objectContaining({ action: 'password_reset_issued', user_id: adminId })]);
    expect(await admin.post('/users/999999/password-reset')).toBeRejectedWith(404, 'NOT_FOUND');
  });

  it('the link sets the password once: the old one stops working, every session of the user ends, a second use is 400 RESET_LINK_USED', async () => {
    const user = await makeUser(app.db, { role: 'manager' });
    const userClient = await app.login(user.email);
    const link = await admin.post(`/users/${user.id}/password-reset`);
    const token = tokenOf(link.body.path);

    const res = await app.anonymous().post('/auth/password-reset', { token, newPassword: NEW_PASSWORD });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ email: user.email });
    expect(sessionCookieSet(res)).toBeUndefined();
    expect(await sessionRows(app, user.id)).toHaveLength(0);
    expect(await userClient.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    expect(await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD })).toBeRejectedWith(401, 'INVALID_CREDENTIALS');
    expect((await app.anonymous().post('/auth/login', { email: user.email, password: NEW_PASSWORD })).status).toBe(200);

    const before = await databaseDigest(app.db);
    expect(await app.anonymous().post('/auth/password-reset', { token, newPassword: 'yet another passphrase 2026' })).toBeRejectedWith(
      400,
      'RESET_LINK_USED',
    );
    expect(await databaseDigest(app.db)).toBe(before);
    const audit = (await auditRows(app.db, 'auth', user.id)).map((r) => r.action);
    expect(audit).toContain('password_reset');
    expect(JSON.stringify(await auditRows(app.db))).not.toContain(NEW_PASSWORD);
  });

  it('an expired link returns 400 RESET_LINK_EXPIRED, an unknown one 400 RESET_LINK_INVALID, and neither changes anything', async () => {
    const user = await makeUser(app.db);
    const expired = await makeResetToken(app.db, user.id, { expiresAt: Date.now() - 1000 });
    const before = await databaseDigest(app.db);
    expect(await app.anonymous().post('/auth/password-reset', { token: expired, newPassword: NEW_PASSWORD })).toBeRejectedWith(
      400,
      'RESET_LINK_EXPIRED',
    );
    expect(await app.anonymous().post('/auth/password-reset', { token: 'not-a-real-token-at-all', newPassword: NEW_PASSWORD })).toBeRejectedWith(
      400,
      'RESET_LINK_INVALID',
    );
    expect(await databaseDigest(app.db)).toBe(before);
    expect((await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('a weak new password returns 400 VALIDATION_FAILED and leaves the link usable', async () => {
    const user = await makeUser(app.db);
    const token = await makeResetToken(app.db, user.id);
    const res = await app.anonymous().post('/auth/password-reset', { token, newPassword: 'short' });
    expect(res).toBeRejectedWith(400, 'VALIDATION_FAILED');
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['newPassword']);
    expect((await app.anonymous().post('/auth/password-reset', { token, newPassword: NEW_PASSWORD })).status).toBe(200);
  });

  it('a new link makes the earlier unused one expire', async () => {
    const user = await makeUser(app.db);
    const first = tokenOf((await admin.post(`/users/${user.id}/password-reset`)).body.path);
    const second = tokenOf((await admin.post(`/users/${user.id}/password-reset`)).body.path);
    expect(await app.anonymous().post('/auth/password-reset', { token: first, newPassword: NEW_PASSWORD })).toBeRejectedWith(
      400,
      'RESET_LINK_EXPIRED',
    );
    expect((await app.anonymous().post('/auth/password-reset', { token: second, newPassword: NEW_PASSWORD })).status).toBe(200);
  });

  it('a manager gets 403 FORBIDDEN and no link is made', async () => {
    const manager = await app.login((await makeUser(app.db, { role: 'manager' })).email);
    const user = await makeUser(app.db);
    expect(await manager.post(`/users/${user.id}/password-reset`)).toBeRejectedWith(403, 'FORBIDDEN');
    expect(await rawGet(app.db, 'SELECT count(*) AS n FROM password_reset_tokens WHERE user_id = ?', user.id)).toEqual({ n: 0 });
  });

  it('is rate-limited per address: after 3 bad links the next try gets 429, even with a good link', async () => {
    const limited = await startTestApp({ signInLimits: { ...GENEROUS_SIGN_IN_LIMITS, resetAddressFree: 3 } });
    try {
      const user = await makeUser(limited.db);
      for (let i = 0; i < 3; i++) {
        expect(await limited.anonymous().post('/auth/password-reset', { token: `guess-${i}`, newPassword: NEW_PASSWORD })).toBeRejectedWith(
          400,
          'RESET_LINK_INVALID',
        );
      }
      const res = await limited
        .anonymous()
        .post('/auth/password-reset', { token: await makeResetToken(limited.db, user.id), newPassword: NEW_PASSWORD });
      expect(res).toBeRejectedWith(429, 'RATE_LIMITED');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe('session lists and revoking', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('GET /auth/sessions lists live sessions with times, a cut user agent and the address, never a token', async () => {
    const user = await makeUser(app.db, { role: 'partner' });
    const longAgent = `Mozilla/5.0 (X11; Linux x86_64) ${'x'.repeat(400)}`;
    const first = app.anonymous();
    const login = await first.request('POST', '/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
      headers: { 'user-agent': longAgent },
    });
    first.csrfToken = login.body.csrfToken;
    const second = await app.login(user.email);

    const res = await first.get('/auth/sessions');
    expect(res.status, res.text).toBe(200);
    expect(res.body.total).toBe(2);
    const [mine, other] = res.body.items;
    expect(mine).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
      expiresAt: expect.any(String),
      userAgent: longAgent.slice(0, 200),
      ip: expect.stringMatching(/127\.0\.0\.1/),
      current: true,
    });
    expect(other.current).toBe(false);

    const secrets = [
      first.cookie.split('=')[1]!,
      second.cookie.split('=')[1]!,
      first.csrfToken,
      second.csrfToken,
      ...(await sessionRows(app, user.id)).map((r) => r.id),
    ];
    for (const s of secrets) expect(res.text).not.toContain(s);
  });

  it('DELETE /sessions/:id ends one of one’s own sessions at once (204, then 401 there) and writes an audit row', async () => {
    const user = await makeUser(app.db);
    const keep = await app.login(user.email);
    const lose = await app.login(user.email);
    const target = (await lose.get('/auth/sessions')).body.items.find((s: { current: boolean }) => s.current);
    expect((await keep.delete(`/sessions/${target.id}`)).status).toBe(204);
    expect(await lose.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    expect((await keep.get('/auth/me')).status).toBe(200);
    expect((await keep.get('/auth/sessions')).body.total).toBe(1);
    expect((await auditRows(app.db, 'auth', user.id)).filter((r) => r.action === 'session_revoked')).toHaveLength(1);
    expect(await keep.delete(`/sessions/${target.id}`)).toBeRejectedWith(404, 'NOT_FOUND');
  });

  it('revoking the current session signs this browser out', async () => {
    const user = await makeUser(app.db);
    const client = await app.login(user.email);
    const current = (await client.get('/auth/sessions')).body.items[0];
    const res = await client.delete(`/sessions/${current.id}`);
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('hamkori_session=;'))).toBe(true);
    expect(await client.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
  });

  it('someone else’s session is 404 NOT_FOUND to a non-admin and stays alive', async () => {
    const owner = await makeUser(app.db);
    const ownerClient = await app.login(owner.email);
    const sessionId = (await ownerClient.get('/auth/sessions')).body.items[0].id;
    const manager = await app.login((await makeUser(app.db, { role: 'manager' })).email);
    const before = await databaseDigest(app.db);
    expect(await manager.delete(`/sessions/${sessionId}`)).toBeRejectedWith(404, 'NOT_FOUND');
    expect(await manager.delete('/sessions/AAAAAAAAAAAAAAAAAAAAAA')).toBeRejectedWith(404, 'NOT_FOUND');
    expect(await databaseDigest(app.db)).toBe(before);
    expect((await ownerClient.get('/auth/me')).status).toBe(200);
    expect(await manager.get(`/users/${owner.id}/sessions`)).toBeRejectedWith(403, 'FORBIDDEN');
  });

  it('an admin lists anyone’s sessions with GET /users/:id/sessions and ends one with DELETE /sessions/:id', async () => {
    const admin = await app.login((await makeUser(app.db, { role: 'admin' })).email);
    const owner = await makeUser(app.db, { role: 'donor' });
    const ownerClient = await app.login(owner.email);
    const list = await admin.get(`/users/${owner.id}/sessions`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ current: false })]);
    expect((await admin.delete(`/sessions/${list.body.items[0].id}`)).status).toBe(204);
    expect(await ownerClient.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    expect((await admin.get(`/users/${owner.id}/sessions`)).body).toEqual({ items: [], total: 0 });
    expect(await admin.get('/users/999999/sessions')).toBeRejectedWith(404, 'NOT_FOUND');
  });
});

describe('sign-in events in the audit log', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('records sign-in, refused sign-in (known accounts, no password) and sign-out under entity auth', async () => {
    const user = await makeUser(app.db, { role: 'partner' });
    await app.anonymous().post('/auth/login', { email: user.email, password: 'a wrong password here' });
    await app.anonymous().post('/auth/login', { email: 'nobody-at-all@example.test', password: 'a wrong password here' });
    const client = await app.login(user.email);
    await client.post('/auth/logout');

    const rows = await auditRows(app.db, 'auth', user.id);
    expect(rows.map((r) => [r.action, r.user_id, r.note])).toEqual([
      ['login_failed', null, 'wrong password'],
      ['login', user.id, 'password'],
      ['logout', user.id, null],
    ]);
    expect(rows[0]?.after).toEqual({ ip: expect.stringMatching(/127\.0\.0\.1/) });
    const all = JSON.stringify(await auditRows(app.db));
    expect(all).not.toContain('a wrong password here');
    expect(all).not.toContain('nobody-at-all');
  });

  it('records the two-factor step: a wrong code as refused, the right one as a sign-in with its method', async () => {
    const { user, secret, recoveryCodes } = await enrolledUser(app);
    await forgetUsedCodes(app.db, user.id);
    const code = totpCode(secret);
    const first = await passwordStep(app, user.email);
    await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: code === '000000' ? '111111' : '000000' });
    await app.anonymous().post('/auth/login/totp', { mfaToken: first.body.mfaToken, code });
    const second = await passwordStep(app, user.email);
    await app.anonymous().post('/auth/login/totp', { mfaToken: second.body.mfaToken, recoveryCode: recoveryCodes[0] });

    const events = (await auditRows(app.db, 'auth', user.id)).map((r) => [r.action, r.note]);
    expect(events).toEqual([
      ['login', 'password'],
      ['totp_enabled', null],
      ['login_failed', 'wrong two-factor code'],
      ['login', 'password and two-factor code'],
      ['login', 'recovery code'],
    ]);
    expect(JSON.stringify(await auditRows(app.db))).not.toContain(code);
  });
});
