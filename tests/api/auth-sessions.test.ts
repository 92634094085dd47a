import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, projectInput, TEST_PASSWORD } from '../factories';
import { databaseDigest, startTestApp, type TestApp } from './harness';
import { rawRun } from './raw-sql';
import { sessionCookieSet, sessionRows } from './session-support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('auth with the default configuration', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

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
