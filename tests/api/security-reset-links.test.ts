import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, makeResetToken, makeUser, TEST_PASSWORD } from '../factories';
import { ApiClient, databaseDigest, GENEROUS_SIGN_IN_LIMITS, startTestApp, type TestApp } from './harness';
import { rawAll, rawGet } from './raw-sql';
import { sessionCookieSet, sessionRows } from './session-support';

const NEW_PASSWORD = 'a brand new passphrase 2026';

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
