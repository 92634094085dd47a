import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, TEST_PASSWORD } from '../factories';
import { databaseDigest, startTestApp, type TestApp } from './harness';
import { sessionCookieSet, clientWithCookie, sessionRows } from './session-support';

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
});
