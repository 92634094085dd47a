import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMiddleware } from '../../server/src/http/error-middleware';
import { createLogger, requestLogging } from '../../server/src/http/logging';
import { makeUser, TEST_PASSWORD } from '../factories';
import { startTestApp, type TestApp } from './harness';

type Line = Record<string, any>;

/** A logger that keeps its JSON lines in memory. */
function memoryLogger() {
  const raw: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (s: string) => void raw.push(s) } });
  return { logger, raw, lines: () => raw.map((s) => JSON.parse(s) as Line) };
}

let app: TestApp;
const log = memoryLogger();

beforeAll(async () => {
  app = await startTestApp({ logger: log.logger });
});
afterAll(() => app.close());

const forRequest = (id: string) => log.lines().filter((l) => l.reqId === id);

describe('request logs', () => {
  it('a sign-in and a signed-in write log JSON lines with no password, session cookie or CSRF token', async () => {
    const user = await makeUser(app.db, { role: 'manager' });
    const client = app.anonymous();
    const wrong = 'not-the-password-2026-xyz';
    expect(
      (await client.request('POST', '/auth/login', { body: { email: user.email, password: wrong }, headers: { 'x-request-id': 'login-wrong' } }))
        .status,
    ).toBe(401);
    const login = await client.request<{ csrfToken: string }>('POST', '/auth/login', {
      body: { email: user.email, password: TEST_PASSWORD },
      headers: { 'x-request-id': 'login-ok' },
    });
    expect(login.status).toBe(200);
    client.csrfToken = login.body.csrfToken;
    const sessionToken = client.cookie.slice(client.cookie.indexOf('=') + 1);
    expect(sessionToken.length).toBeGreaterThan(20);
    const write = await client.request('PATCH', '/auth/preferences', { body: { locale: 'ru' }, headers: { 'x-request-id': 'prefs-1' } });
    expect(write.status).toBe(200);
    expect(write.headers.get('x-request-id')).toBe('prefs-1');

    await expect.poll(() => ['login-wrong', 'login-ok', 'prefs-1'].map((id) => forRequest(id).length)).toEqual([1, 1, 1]);
    const text = log.raw.join('');
    for (const secret of [TEST_PASSWORD, wrong, sessionToken, encodeURIComponent(sessionToken), login.body.csrfToken]) {
      expect(text).not.toContain(secret);
    }
    const [ok] = forRequest('login-ok');
    expect(ok?.res.headers['set-cookie']).toBe('[redacted]');
    expect(ok?.req).not.toHaveProperty('body');
    const [prefs] = forRequest('prefs-1');
    expect(prefs).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'PATCH', url: '/api/auth/preferences', headers: { cookie: '[redacted]', 'x-csrf-token': '[redacted]' } },
      res: { statusCode: 200 },
    });
  });

  it('a request without a usable X-Request-Id gets a fresh id, returned and logged', async () => {
    const res = await app.anonymous().get('/health', { headers: { 'x-request-id': 'has spaces and "quotes"' } });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => forRequest(id).length).toBe(1);
  });
});

describe('the 500 handler', () => {
  it('logs the error with its request id and a reference the client sees, and tells the client nothing else', async () => {
    const mem = memoryLogger();
    const bare = express();
    bare.use(requestLogging(mem.logger));
    bare.get('/boom', () => {
      throw new Error('secret internals: table users column password_hash');
    });
    bare.use(errorMiddleware);
    const server = bare.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`, { headers: { 'x-request-id': 'boom-1' } });
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status).toBe(500);
      expect(body.error.code).toBe('INTERNAL');
      expect(body.error.message).not.toContain('secret');
      const reference = /reference ([0-9a-f-]{36})/.exec(body.error.message)?.[1];
      expect(reference).toBeDefined();
      await expect.poll(() => mem.lines().filter((l) => l.reqId === 'boom-1').length).toBe(2);
      const logged = mem.lines().find((l) => l.msg === 'unhandled error');
      expect(logged).toMatchObject({ level: 50, reqId: 'boom-1', errorId: reference, err: { message: expect.stringContaining('secret internals') } });
      expect(logged?.err.stack).toContain('logging.test.ts');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
