import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, makeUser, TEST_PASSWORD } from '../factories';
import { databaseDigest, startTestApp, type TestApp } from './harness';
import { forgetUsedCodes, totpCode } from './totp-support';
import { sessionRows, enrolledUser, passwordStep } from './session-support';

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
