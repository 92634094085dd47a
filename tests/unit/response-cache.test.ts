import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { RevisionClock } from '../../server/src/db/revision';
import { createResponseCache, useResponseCache } from '../../server/src/http/response-cache';
import { route } from '../../server/src/http/route';

/** A cacheable route behind the cache, with a clock and a day the test turns by hand. */
async function harness(maxBytes = 32 * 1024 * 1024) {
  const state = { revision: 1, day: '2026-03-01', calls: 0, status: 200 };
  const clock: RevisionClock = { current: () => String(state.revision), excluding: (fn) => fn() };
  const cache = createResponseCache({ revision: clock, today: () => state.day, maxBytes });
  const router = express.Router();
  useResponseCache(router, cache);
  route(router, 'GET /projects/:id', (req, res) => {
    state.calls += 1;
    res.status(state.status).json({ id: req.params.id, calls: state.calls, pad: 'x'.repeat(60) });
  });
  const app = express();
  app.use((req, _res, next) => {
    const id = Number(req.get('x-user') ?? '1');
    req.auth = {
      user: { id, email: `u${id}@example.test`, name: 'U', role: 'manager', locale: 'en' },
      sessionId: 's',
      csrfToken: 't',
      mfaEnrolmentRequired: false,
    };
    next();
  });
  app.use(cache.serve);
  app.use(router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, user = 1) => {
    const res = await fetch(base + path, { headers: { 'x-user': String(user) } });
    return { status: res.status, body: (await res.json()) as { calls: number } };
  };
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return { state, cache, get };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const callsOf = async (h: { get: (p: string, u?: number) => Promise<{ body: { calls: number } }> }, path: string, user = 1) =>
  (await h.get(path, user)).body.calls;

describe('response cache', () => {
  it('answers a repeat from the cache, and runs the route again after a write or on a new day', async () => {
    const h = await harness();
    expect(await callsOf(h, '/projects/1')).toBe(1);
    expect(await callsOf(h, '/projects/1')).toBe(1);
    h.state.revision += 1;
    expect(await callsOf(h, '/projects/1')).toBe(2);
    expect(await callsOf(h, '/projects/1')).toBe(2);
    h.state.day = '2026-03-02';
    expect(await callsOf(h, '/projects/1')).toBe(3);
    // Yesterday's answer is unreachable now; it stays until the next write or the byte budget pushes it out.
    expect(h.cache.stats()).toMatchObject({ hits: 2, misses: 3, entries: 2 });
  });

  it('keeps one answer per user and per address (query included)', async () => {
    const h = await harness();
    expect(await callsOf(h, '/projects/1', 1)).toBe(1);
    expect(await callsOf(h, '/projects/1', 2)).toBe(2);
    expect(await callsOf(h, '/projects/1?x=1', 1)).toBe(3);
    expect(await callsOf(h, '/projects/1', 1)).toBe(1);
    expect(await callsOf(h, '/projects/1', 2)).toBe(2);
  });

  it('never keeps an answer that is not 200', async () => {
    const h = await harness();
    h.state.status = 404;
    expect((await h.get('/projects/1')).status).toBe(404);
    expect((await h.get('/projects/1')).body.calls).toBe(2);
    expect(h.cache.stats().entries).toBe(0);
  });

  it('stays within its byte budget, dropping the least recently used answer first', async () => {
    const h = await harness(1000);
    for (let i = 1; i <= 12; i++) await h.get(`/projects/${i}`);
    const { bytes, entries } = h.cache.stats();
    expect(bytes).toBeLessThanOrEqual(1000);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(12);
    const callsBefore = h.state.calls;
    await h.get('/projects/12');
    expect(h.state.calls).toBe(callsBefore);
    await h.get('/projects/1');
    expect(h.state.calls).toBe(callsBefore + 1);
  });
});
