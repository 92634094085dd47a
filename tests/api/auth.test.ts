import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, makeActivity, makeOutcome, makeProject, makeUser, projectInput, TEST_PASSWORD } from '../factories';
import { ApiClient, databaseDigest, startTestApp, type ApiResponse, type TestApp } from './harness';
import { rawAll, rawGet, rawRun } from './raw-sql';
import { enrolTotp, forgetUsedCodes, totpCode } from './totp-support';

const NEW_PASSWORD = 'a much longer passphrase 2026';

/** The Set-Cookie entry that sets (not clears) the session cookie, or undefined. */
function sessionCookieSet(res: ApiResponse, name = 'hamkori_session'): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`));
}

/** A client that replays a saved cookie, to prove what the server thinks of an old session. */
function clientWithCookie(app: TestApp, cookie: string, csrfToken = ''): ApiClient {
  const client = app.anonymous();
  client.cookie = cookie;
  client.csrfToken = csrfToken;
  return client;
}

const sessionRows = (app: TestApp, userId: number) =>
  rawAll<{
    id: string;
    last_seen_at: number;
    expires_at: number;
  }>(app.db, 'SELECT * FROM sessions WHERE user_id = ?', userId);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A raw HTTP/1.1 request over a socket, with the header block written byte for byte as
 * Latin-1, for header values fetch and node:http would re-encode or refuse.
 */
function rawRequest(url: string, method: string, headers: Record<string, string>, body = '') {
  const { hostname, port, pathname, search } = new URL(url);
  const head = [
    `${method} ${pathname}${search} HTTP/1.1`,
    `host: ${hostname}:${port}`,
    'connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    `content-length: ${Buffer.byteLength(body)}`,
    '',
    '',
  ].join('\r\n');
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(body, 'utf8')]));
  });
}

describe('auth with the default configuration', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  describe('POST /auth/login', () => {
    it('with the right password returns 200 with {user, csrfToken} and an HttpOnly SameSite=Lax session cookie', async () => {
      const user = await makeUser(app.db, { role: 'partner', name: 'Dilnoza K' });
      const res = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({
        user: { id: user.id, email: user.email, name: 'Dilnoza K', role: 'partner', locale: 'en' },
        csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      });
      const cookie = sessionCookieSet(res);
      expect(cookie).toBeDefined();
      const attributes = (cookie ?? '').split(';').map((a) => a.trim().toLowerCase());
      expect(attributes).toContain('httponly');
      expect(attributes).toContain('samesite=lax');
      expect(attributes).toContain('path=/');
      expect(attributes).not.toContain('secure');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await sessionRows(app, user.id)).toHaveLength(1);
    });

    it('accepts the e-mail in another case and with surrounding spaces', async () => {
      const user = await makeUser(app.db);
      const res = await app.anonymous().post('/auth/login', { email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD });
      expect(res.status, res.text).toBe(200);
      expect(res.body.user.id).toBe(user.id);
    });

    it('answers an unknown e-mail and a wrong password with the same 401 INVALID_CREDENTIALS body and no session', async () => {
      const user = await makeUser(app.db);
      const before = await databaseDigest(app.db);
      const unknown = await app.anonymous().post('/auth/login', { email: 'nobody-here@example.test', password: TEST_PASSWORD });
      const wrong = await app.anonymous().post('/auth/login', { email: user.email, password: 'not the password at all' });
      expect(unknown).toBeRejectedWith(401, 'INVALID_CREDENTIALS');
      expect(wrong).toBeRejectedWith(401, 'INVALID_CREDENTIALS');
      expect(wrong.body).toEqual(unknown.body);
      expect(sessionCookieSet(unknown)).toBeUndefined();
      expect(sessionCookieSet(wrong)).toBeUndefined();
      expect(await sessionRows(app, user.id)).toHaveLength(0);
      expect(await databaseDigest(app.db)).toBe(before);
    });

    it('with a missing password returns 400 VALIDATION_FAILED and starts no session', async () => {
      const user = await makeUser(app.db);
      const res = await app.anonymous().post('/auth/login', { email: user.email });
      expect(res).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain('password');
      expect(await sessionRows(app, user.id)).toHaveLength(0);
    });

    it('signing in again from the same client issues a new session id and ends the old session', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const oldCookie = client.cookie;
      const oldToken = client.csrfToken;
      const [oldRow] = await sessionRows(app, user.id);

      const again = await client.post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(again.status, again.text).toBe(200);
      expect(client.cookie).not.toBe('');
      expect(client.cookie).not.toBe(oldCookie);
      expect(again.body.csrfToken).not.toBe(oldToken);
      const rows = await sessionRows(app, user.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.id).not.toBe(oldRow?.id);

      expect(await clientWithCookie(app, oldCookie).get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
      client.csrfToken = again.body.csrfToken;
      expect((await client.get('/auth/me')).status).toBe(200);
    });

    it('signing in from a second client leaves the first session working', async () => {
      const user = await makeUser(app.db);
      const first = await app.login(user.email);
      const second = await app.login(user.email);
      expect(second.cookie).not.toBe(first.cookie);
      expect((await first.get('/auth/me')).status).toBe(200);
      expect((await second.get('/auth/me')).status).toBe(200);
      expect(await sessionRows(app, user.id)).toHaveLength(2);
    });
  });

  describe('GET /auth/me', () => {
    it('with a session returns 200 with the user and the session CSRF token', async () => {
      const user = await makeUser(app.db, { role: 'donor', name: 'Jonas B' });
      const client = await app.login(user.email);
      const res = await client.get('/auth/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: { id: user.id, email: user.email, name: 'Jonas B', role: 'donor', locale: 'en' },
        csrfToken: client.csrfToken,
      });
    });

    it('without a session returns 401 UNAUTHENTICATED', async () => {
      expect(await app.anonymous().get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    });

    it('with a made-up session cookie returns 401 UNAUTHENTICATED', async () => {
      const res = await clientWithCookie(app, 'hamkori_session=bm90LWEtcmVhbC1zZXNzaW9uLXRva2VuLWF0LWFsbC0xMjM').get('/auth/me');
      expect(res).toBeRejectedWith(401, 'UNAUTHENTICATED');
    });

    it('a malformed session cookie (bad percent-encoding) is treated as no session: 401 on /auth/me, 200 on /health', async () => {
      const client = clientWithCookie(app, 'hamkori_session=%E0%A4%A');
      expect(await client.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
      const health = await client.get('/health');
      expect(health.status, health.text).toBe(200);
    });
  });

  describe('POST /auth/logout', () => {
    it('ends the session server-side, so the old cookie gets 401 afterwards', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const cookie = client.cookie;
      const res = await client.post('/auth/logout');
      expect(res.status, res.text).toBe(204);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('hamkori_session=;'))).toBe(true);
      expect(await sessionRows(app, user.id)).toHaveLength(0);
      expect(await clientWithCookie(app, cookie).get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    });

    it('without the CSRF token returns 403 CSRF_FAILED and keeps the session', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      expect(await client.post('/auth/logout', undefined, { csrf: false })).toBeRejectedWith(403, 'CSRF_FAILED');
      expect(await sessionRows(app, user.id)).toHaveLength(1);
      expect((await client.get('/auth/me')).status).toBe(200);
    });
  });

  describe('session timeouts', () => {
    it('a session idle for longer than the idle timeout gets 401 and its row is deleted', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      expect((await client.get('/auth/me')).status).toBe(200);
      await rawRun(app.db, 'UPDATE sessions SET last_seen_at = ? WHERE user_id = ?', Date.now() - 2 * 60 * 60 * 1000 - 1000, user.id);
      expect(await client.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
      expect(await sessionRows(app, user.id)).toHaveLength(0);
    });

    it('a request within the idle timeout moves last-seen forward and keeps the session', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const stale = Date.now() - 2 * 60 * 60 * 1000 + 30_000;
      await rawRun(app.db, 'UPDATE sessions SET last_seen_at = ? WHERE user_id = ?', stale, user.id);
      const start = Date.now();
      expect((await client.get('/auth/me')).status).toBe(200);
      expect((await sessionRows(app, user.id))[0]?.last_seen_at).toBeGreaterThanOrEqual(start);
    });

    it('a session past its absolute expiry gets 401 even when recently used', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      await rawRun(app.db, 'UPDATE sessions SET expires_at = ?, last_seen_at = ? WHERE user_id = ?', Date.now() - 1, Date.now(), user.id);
      expect(await client.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
      expect(await sessionRows(app, user.id)).toHaveLength(0);
    });

    it('a POST with an expired session gets 401 and writes nothing', async () => {
      const user = await makeUser(app.db, { role: 'manager' });
      const client = await app.login(user.email);
      await rawRun(app.db, 'UPDATE sessions SET expires_at = ? WHERE user_id = ?', Date.now() - 1, user.id);
      const before = await databaseDigest(app.db);
      const res = await client.post('/projects', projectInput());
      expect(res).toBeRejectedWith(401, 'UNAUTHENTICATED');
      expect(await databaseDigest(app.db)).toBe(before);
    });
  });

  describe('disabled users', () => {
    it('disabling a user through PATCH /users/:id ends their sessions at once', async () => {
      const admin = await app.login((await makeUser(app.db, { role: 'admin' })).email);
      const victim = await makeUser(app.db, { role: 'manager' });
      const victimClient = await app.login(victim.email);
      expect((await victimClient.get('/auth/me')).status).toBe(200);

      const res = await admin.patch(`/users/${victim.id}`, { version: victim.version, disabled: true });
      expect(res.status, res.text).toBe(200);
      expect(res.body.disabled).toBe(true);
      expect(await sessionRows(app, victim.id)).toHaveLength(0);
      expect(await victimClient.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
      expect(await victimClient.get('/projects')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    });

    it('a disabled user cannot sign in with the right password (401, same body as a wrong password)', async () => {
      const user = await makeUser(app.db, { disabledAt: new Date().toISOString() });
      const disabled = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      const wrong = await app.anonymous().post('/auth/login', { email: user.email, password: 'not the password at all' });
      expect(disabled).toBeRejectedWith(401, 'INVALID_CREDENTIALS');
      expect(disabled.body).toEqual(wrong.body);
      expect(sessionCookieSet(disabled)).toBeUndefined();
      expect(await sessionRows(app, user.id)).toHaveLength(0);
    });

    it('a session row of a user disabled directly in the database is refused (401)', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      await rawRun(app.db, 'UPDATE users SET disabled_at = ? WHERE id = ?', new Date().toISOString(), user.id);
      expect(await client.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    });
  });

  describe('CSRF protection', () => {
    async function world() {
      const manager = await makeUser(app.db, { role: 'manager' });
      const project = await makeProject(app.db, { memberIds: [manager.id] });
      const outcome = await makeOutcome(app.db, project.id);
      const activity = await makeActivity(app.db, outcome);
      const client = await app.login(manager.email);
      const calls: { method: string; path: string; body?: unknown }[] = [
        { method: 'POST', path: `/projects/${project.id}/activities`, body: { outcomeId: outcome.id, kind: 'other', title: 'Forged' } },
        { method: 'PATCH', path: `/projects/${project.id}`, body: { version: project.version, title: 'Forged' } },
        { method: 'DELETE', path: `/activities/${activity.id}?version=${activity.version}` },
        { method: 'POST', path: '/auth/logout' },
      ];
      return { client, calls, manager };
    }

    it('POST, PATCH and DELETE without X-CSRF-Token return 403 CSRF_FAILED and write nothing', async () => {
      const { client, calls, manager } = await world();
      for (const call of calls) {
        const before = await databaseDigest(app.db);
        const res = await client.request(call.method, call.path, { body: call.body, csrf: false });
        expect(res).toBeRejectedWith(403, 'CSRF_FAILED');
        expect(await databaseDigest(app.db)).toBe(before);
      }
      expect(await sessionRows(app, manager.id)).toHaveLength(1);
    });

    it('POST, PATCH and DELETE with a wrong token of the right length return 403 CSRF_FAILED and write nothing', async () => {
      const { client, calls } = await world();
      const wrong = client.csrfToken.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      for (const call of calls) {
        const before = await databaseDigest(app.db);
        const res = await client.request(call.method, call.path, {
          body: call.body,
          csrf: false,
          headers: { 'x-csrf-token': wrong },
        });
        expect(res).toBeRejectedWith(403, 'CSRF_FAILED');
        expect(await databaseDigest(app.db)).toBe(before);
      }
    });

    it('a token of another session, or a truncated one, is refused with 403 CSRF_FAILED', async () => {
      const { client, calls } = await world();
      const other = await app.login((await makeUser(app.db)).email);
      for (const token of [other.csrfToken, client.csrfToken.slice(0, -1), `${client.csrfToken}x`]) {
        const before = await databaseDigest(app.db);
        const res = await client.request(calls[1]!.method, calls[1]!.path, {
          body: calls[1]!.body,
          csrf: false,
          headers: { 'x-csrf-token': token },
        });
        expect(res).toBeRejectedWith(403, 'CSRF_FAILED');
        expect(await databaseDigest(app.db)).toBe(before);
      }
    });

    it('a wrong token of the right length with a non-ASCII character returns 403 CSRF_FAILED, not 500', async () => {
      const { client, calls } = await world();
      const call = calls[1]!;
      // One Latin-1 character (sent as a single byte) in place of the first one: same length in characters.
      const token = `\u00e9${client.csrfToken.slice(1)}`;
      const body = JSON.stringify(call.body);
      const before = await databaseDigest(app.db);
      const res = await rawRequest(
        app.url + call.path,
        call.method,
        { cookie: client.cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
        body,
      );
      expect(res.status, res.body).toBe(403);
      expect(JSON.parse(res.body)).toEqual({ error: { code: 'CSRF_FAILED', message: expect.any(String) } });
      expect(await databaseDigest(app.db)).toBe(before);
    });

    it('the right token lets the same requests through (the refusals above are about the token)', async () => {
      const { client, calls } = await world();
      for (const call of calls) {
        const res = await client.request(call.method, call.path, { body: call.body });
        expect(res.status, `${call.method} ${call.path}: ${res.text}`).toBeLessThan(300);
      }
    });

    it('a state-changing request without a session returns 401 and writes nothing', async () => {
      const before = await databaseDigest(app.db);
      expect(await app.anonymous().post('/auth/logout')).toBeRejectedWith(401, 'UNAUTHENTICATED');
      expect(await app.anonymous().patch('/auth/preferences', { locale: 'ru' })).toBeRejectedWith(401, 'UNAUTHENTICATED');
      expect(await databaseDigest(app.db)).toBe(before);
    });
  });

  it('GET requests change nothing in the database', async () => {
    const admin = await makeUser(app.db, { role: 'admin' });
    const project = await makeProject(app.db, { memberIds: [admin.id] });
    const outcome = await makeOutcome(app.db, project.id);
    const activity = await makeActivity(app.db, outcome);
    const client = await app.login(admin.email);
    // The first requests may touch the session's last-seen time; sessions are outside the digest.
    const before = await databaseDigest(app.db);
    for (const path of [
      '/health',
      '/auth/me',
      '/projects',
      `/projects/${project.id}`,
      `/projects/${project.id}/results`,
      `/projects/${project.id}/activities`,
      `/activities/${activity.id}`,
      `/activities/${activity.id}/history`,
      `/activities/${activity.id}/comments`,
      '/users',
      `/users/${admin.id}`,
    ]) {
      const res = await client.get(path);
      expect(res.status, `${path}: ${res.text}`).toBe(200);
    }
    expect(await databaseDigest(app.db)).toBe(before);
  });

  describe('the account language at sign-in', () => {
    const localeInDb = async (userId: number) =>
      (await rawGet<{ locale: string | null }>(app.db, 'SELECT locale FROM users WHERE id = ?', userId))!.locale;

    it('a new account without a language, signed in from a Russian page, becomes Russian: the answer, /auth/me and a later sign-in in English all say ru', async () => {
      const user = await makeUser(app.db, { locale: null });
      const client = app.anonymous();
      const res = await client.post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'ru' });
      expect(res.status, res.text).toBe(200);
      expect(res.body.user).toEqual({ id: user.id, email: user.email, name: user.name, role: user.role, locale: 'ru' });
      expect(await localeInDb(user.id)).toBe('ru');
      expect((await client.get('/auth/me')).body.user.locale).toBe('ru');
      // From now on it is the account's language: another browser in English does not change it.
      const elsewhere = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'en' });
      expect(elsewhere.body.user.locale).toBe('ru');
      expect(await localeInDb(user.id)).toBe('ru');
    });

    it('an account with a chosen language keeps it when signed in from a page in another language', async () => {
      const user = await makeUser(app.db, { locale: 'tg' });
      const before = (await auditRows(app.db, 'user', user.id)).length;
      const res = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'ru' });
      expect(res.status, res.text).toBe(200);
      expect(res.body.user.locale).toBe('tg');
      expect(await localeInDb(user.id)).toBe('tg');
      expect(await auditRows(app.db, 'user', user.id)).toHaveLength(before);
    });

    it('a sign-in that names no language leaves a new account without one (null), and the next sign-in with a language sets it', async () => {
      const user = await makeUser(app.db, { locale: null });
      const client = app.anonymous();
      const res = await client.post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(res.status, res.text).toBe(200);
      expect(res.body.user.locale).toBeNull();
      expect((await client.get('/auth/me')).body.user.locale).toBeNull();
      expect(await localeInDb(user.id)).toBeNull();
      const next = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'tg' });
      expect(next.body.user.locale).toBe('tg');
    });

    it('choosing a language in the app (PATCH /auth/preferences) sets it on an account that had none, and sign-ins elsewhere keep it', async () => {
      const user = await makeUser(app.db, { locale: null });
      const client = await app.login(user.email);
      expect((await client.patch('/auth/preferences', { locale: 'tg' })).body.user.locale).toBe('tg');
      const again = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'en' });
      expect(again.body.user.locale).toBe('tg');
    });

    it('with two-factor sign-in, the language sent with the password is saved when the code starts the session', async () => {
      const user = await makeUser(app.db, { locale: null });
      const { secret } = await enrolTotp(await app.login(user.email));
      await forgetUsedCodes(app.db, user.id);
      const client = app.anonymous();
      const first = await client.post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'ru' });
      expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
      // The password alone starts nothing, so it saves nothing either.
      expect(await localeInDb(user.id)).toBeNull();
      const second = await client.post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: totpCode(secret) });
      expect(second.status, second.text).toBe(200);
      expect(second.body.user.locale).toBe('ru');
      expect(await localeInDb(user.id)).toBe('ru');
    });

    it('a wrong password with a language changes nothing; an unsupported language is 400 VALIDATION_FAILED without a session', async () => {
      const user = await makeUser(app.db, { locale: null });
      const before = await databaseDigest(app.db);
      expect(await app.anonymous().post('/auth/login', { email: user.email, password: 'wrong password', locale: 'ru' })).toBeRejectedWith(
        401,
        'INVALID_CREDENTIALS',
      );
      const fr = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'fr' });
      expect(fr).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(fr.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['locale']);
      expect(sessionCookieSet(fr)).toBeUndefined();
      expect(await databaseDigest(app.db)).toBe(before);
      expect(await localeInDb(user.id)).toBeNull();
    });
  });

  describe('PATCH /auth/preferences', () => {
    it('saves the locale: the answer, /auth/me and the next sign-in all carry it', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const res = await client.patch('/auth/preferences', { locale: 'tg' });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: 'tg' } });
      expect((await client.get('/auth/me')).body.user.locale).toBe('tg');
      const again = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(again.body.user.locale).toBe('tg');
    });

    it('with an unknown locale or an unknown field returns 400 VALIDATION_FAILED and changes nothing', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const before = await databaseDigest(app.db);
      const fr = await client.patch('/auth/preferences', { locale: 'fr' });
      expect(fr).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(fr.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['locale']);
      expect(await client.patch('/auth/preferences', { locale: 'ru', role: 'admin' })).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(await databaseDigest(app.db)).toBe(before);
      expect((await client.get('/auth/me')).body.user).toMatchObject({ locale: 'en', role: user.role });
    });
  });

  describe('POST /auth/password', () => {
    it.each([
      ['a password shorter than 12 characters', 'short pass1'],
      ['a common password (any case)', 'Password1234'],
    ])('rejects %s with 400 VALIDATION_FAILED on newPassword and changes nothing', async (_label, newPassword) => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const before = await databaseDigest(app.db);
      const res = await client.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword });
      expect(res).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['newPassword']);
      expect(await databaseDigest(app.db)).toBe(before);
      expect((await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(200);
    });

    it('with a wrong current password returns 401 INVALID_CREDENTIALS and changes nothing', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const before = await databaseDigest(app.db);
      const res = await client.post('/auth/password', { currentPassword: 'not my password', newPassword: NEW_PASSWORD });
      expect(res).toBeRejectedWith(401, 'INVALID_CREDENTIALS');
      expect(await databaseDigest(app.db)).toBe(before);
      expect((await client.get('/auth/me')).status).toBe(200);
    });

    it('with a good new password returns 204; the new password signs in, the old one no longer does', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const res = await client.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
      expect(res.status, res.text).toBe(204);
      expect(res.text).toBe('');

      const withNew = await app.anonymous().post('/auth/login', { email: user.email, password: NEW_PASSWORD });
      expect(withNew.status, withNew.text).toBe(200);
      expect(await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD })).toBeRejectedWith(401, 'INVALID_CREDENTIALS');

      const audit = await auditRows(app.db, 'user', user.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'update', user_id: user.id, note: 'password changed' });
      expect(JSON.stringify(audit)).not.toMatch(/scrypt|passwordHash|a much longer/);
    });
  });
});

describe('session timeouts in real time', () => {
  it('with idleMs 1000 a session works at once and gets 401 after 1.2 s without requests', async () => {
    const app = await startTestApp({ session: { idleMs: 1000 } });
    try {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      expect((await client.get('/auth/me')).status).toBe(200);
      await sleep(1200);
      expect(await client.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    } finally {
      await app.close();
    }
  });

  it('with absoluteMs 2000 a session works while in use and gets 401 once 2 s have passed since sign-in', async () => {
    const app = await startTestApp({ session: { absoluteMs: 2000 } });
    try {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      expect((await client.get('/auth/me')).status).toBe(200);
      await sleep(800);
      expect((await client.get('/auth/me')).status).toBe(200);
      await sleep(1300);
      expect(await client.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    } finally {
      await app.close();
    }
  });
});

describe('production configuration', () => {
  it('production: the cookie is __Host-hamkori_session with Secure and Path=/, and HSTS is sent', async () => {
    const app = await startTestApp({ production: true });
    try {
      const user = await makeUser(app.db);
      const res = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(res.status, res.text).toBe(200);
      const cookie = sessionCookieSet(res, '__Host-hamkori_session');
      expect(cookie).toBeDefined();
      const attributes = (cookie ?? '').split(';').map((a) => a.trim().toLowerCase());
      expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
      expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('hamkori_session='))).toBe(false);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{8,}/);
      expect((await app.anonymous().get('/health')).headers.get('strict-transport-security')).toMatch(/max-age=\d{8,}/);

      const client = clientWithCookie(app, (cookie ?? '').split(';')[0] ?? '');
      expect((await client.get('/auth/me')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('non-production: the cookie is hamkori_session without Secure, and no HSTS is sent', async () => {
    const app = await startTestApp();
    try {
      const user = await makeUser(app.db);
      const res = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      const cookie = sessionCookieSet(res);
      expect(cookie).toBeDefined();
      expect((cookie ?? '').toLowerCase()).not.toMatch(/;\s*secure/);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('__Host-'))).toBe(false);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect((await app.anonymous().get('/health')).headers.get('strict-transport-security')).toBeNull();
    } finally {
      await app.close();
    }
  });
});
