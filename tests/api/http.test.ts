import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness';

const INDEX_HTML =
  '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>';
const APP_JS = 'console.log("hamkori");';

/** A raw HTTP/1.1 request over a socket: fetch refuses TRACE and TRACK. */
function rawRequest(url: string, method: string) {
  const { hostname, port, pathname } = new URL(url);
  const head = [`${method} ${pathname} HTTP/1.1`, `host: ${hostname}:${port}`, 'connection: close', '', ''].join('\r\n');
  return new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
        headers: text.slice(0, split).toLowerCase(),
        body: text.slice(split + 4),
      });
    });
    socket.write(head);
  });
}

function expectSecurityHeaders(headers: Headers) {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-powered-by')).toBeNull();
  expect(headers.get('referrer-policy')).toBe('no-referrer');
}

let app: TestApp;
let origin: string;
let clientDir: string;

beforeAll(async () => {
  clientDir = mkdtempSync(join(tmpdir(), 'hamkori-client-'));
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(clientDir, 'assets', 'app-abc123.js'), APP_JS);
  app = await startTestApp({ clientDir });
  origin = app.url.replace(/\/api$/, '');
});
afterAll(async () => {
  await app.close();
  rmSync(clientDir, { recursive: true, force: true });
});

describe('GET /api/health', () => {
  it('answers 200 {status: "ok", database: "up"} without a session, as JSON, never cached', async () => {
    const res = await fetch(`${origin}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok', database: 'up' });
  });
});

describe('security headers', () => {
  it('are sent on API answers, successful or not', async () => {
    for (const path of ['/api/health', '/api/auth/me', '/api/no-such-route']) {
      const res = await fetch(origin + path);
      expectSecurityHeaders(res.headers);
    }
  });

  it('are sent on the single-page app and its assets', async () => {
    for (const path of ['/', '/projects/5', '/assets/app-abc123.js']) {
      const res = await fetch(origin + path);
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res.headers);
    }
  });
});

describe('TRACE and TRACK', () => {
  it('TRACE returns 405 with the JSON error body, on the API and on the app', async () => {
    for (const path of ['/api/health', '/projects/5']) {
      const res = await rawRequest(origin + path, 'TRACE');
      expect(res.status, path).toBe(405);
      expect(res.headers).toMatch(/content-type: application\/json/);
      expect(JSON.parse(res.body)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });

  it("TRACK is refused (Node's HTTP parser answers 400 before the app sees it)", async () => {
    const res = await rawRequest(`${origin}/api/health`, 'TRACK');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toContain('"ok"');
  });
});

describe('single-page app serving', () => {
  it.each(['/projects/5', '/admin/users', '/', '/projects/5/activities?status=planned'])(
    'GET %s returns index.html (200, text/html, Cache-Control no-cache)',
    async (path) => {
      const res = await fetch(origin + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX_HTML);
    },
  );

  it('a hashed asset is served with an immutable, long Cache-Control', async () => {
    const res = await fetch(`${origin}/assets/app-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const cacheControl = res.headers.get('cache-control') ?? '';
    expect(cacheControl).toContain('immutable');
    expect(cacheControl).toMatch(/max-age=31536000/);
    expect(await res.text()).toBe(APP_JS);
  });

  it('a missing asset returns 404 NOT_FOUND, not index.html and not 500', async () => {
    for (const path of ['/assets/app-missing.js', '/assets/nested/missing.css']) {
      const res = await fetch(origin + path);
      expect(res.status, path).toBe(404);
      const text = await res.text();
      expect(text).not.toContain('<div id="root">');
      expect(JSON.parse(text)).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
  });

  it('an unknown /api route returns a JSON 404 NOT_FOUND, not index.html', async () => {
    for (const path of ['/api/unknown', '/api/projects/5/nope', '/api']) {
      const res = await fetch(origin + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    }
  });

  it('the API alone (clientDir null) answers app paths with 404, not a page', async () => {
    const apiOnly = await startTestApp({ clientDir: null });
    try {
      const res = await fetch(apiOnly.url.replace(/\/api$/, '/projects/5'));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('<div id="root">');
    } finally {
      await apiOnly.close();
    }
  });
});
