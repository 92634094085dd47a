import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity, makeOutcome, makeProject, makeUser, TEST_PASSWORD } from '../factories';
import { databaseDigest, startTestApp, type TestApp } from './harness';
import { sessionCookieSet, clientWithCookie, sessionRows } from './session-support';

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
