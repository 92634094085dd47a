import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, TEST_PASSWORD } from '../factories';
import { startTestApp, type TestApp } from './harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ production: true });
});
afterAll(() => app.close());

/** fetch refuses TRACE and some headers outright, so those go through node:http. */
function rawRequest(method: string, path: string, headers: Record<string, string> = {}) {
  const url = new URL(app.url + path);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );

describe('in production', () => {
  it('GET /health sends a strict CSP: nothing inline, no plugins, no <base>, no framing', async () => {
    const res = await app.anonymous().get('/health');
    const csp = directives(res.headers.get('content-security-policy') ?? '');
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['upgrade-insecure-requests']).toEqual([]);
    expect(JSON.stringify(csp)).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('GET /health sends HSTS for two years, subdomains included', async () => {
    const res = await app.anonymous().get('/health');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
  });

  it('POST /auth/login sets a __Host- session cookie: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain', async () => {
    const user = await makeUser(app.db, { role: 'donor' });
    const res = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const session = res.headers.getSetCookie().find((c) => /^__Host-hamkori_session=[^;]+/.test(c));
    expect(session).toBeDefined();
    const attributes = (session ?? '').split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('secure');
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
  });

  it('a request from another origin gets no Access-Control-Allow-* headers', async () => {
    const res = await rawRequest('GET', '/health', { origin: 'https://evil.example' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('a CORS preflight from another origin gets no Access-Control-Allow-* headers', async () => {
    const res = await rawRequest('OPTIONS', '/projects', {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, x-csrf-token',
    });
    expect(res.status).toBeLessThan(500);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('TRACE is refused with 405 and the one error shape, echoing nothing', async () => {
    const res = await rawRequest('TRACE', '/health', { cookie: 'hamkori_session=secret-value' });
    expect(res.status).toBe(405);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'BAD_REQUEST', message: 'Method not allowed' } });
    expect(res.body).not.toContain('secret-value');
  });

  it("TRACK never reaches the app: Node's HTTP parser answers 400", async () => {
    const res = await rawRequest('TRACK', '/health');
    expect(res.status).toBe(400);
  });
});
