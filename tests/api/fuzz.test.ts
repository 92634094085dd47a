import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { ERROR_CODES } from '@shared/errors';
import { hasPermission } from '@shared/permissions';
import { ROUTE_POLICY, type Access, type RouteKey } from '../../server/src/http/policy';
import { makeUser } from '../factories';
import { ApiClient, databaseDigest, startTestApp, type TestApp } from './harness';
import { SAMPLES, useSampleApp, type Call } from './samples';

/**
 * Every write route in the policy table, fed mutated versions of its valid sample: fields
 * replaced by arbitrary JSON, extra and prototype-polluting keys, huge strings, deep
 * nesting, broken JSON, the wrong media type, odd path ids and duplicated query
 * parameters. Never a 5xx; every 4xx in the one error shape and with the database exactly
 * as it was. Routes come from ROUTE_POLICY, so a new route is fuzzed as soon as it exists.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** Samples that bring their own signed-in client (sign-out, password) cost a scrypt sign-in per success. */
const RUNS_WITH_OWN_SESSION = Math.ceil(RUNS / 3);
const ROLES: Role[] = ['admin', 'manager', 'partner', 'donor'];
const WRITE_ROUTES = (Object.keys(ROUTE_POLICY) as RouteKey[]).filter((k) => /^(POST|PUT|PATCH|DELETE) /.test(k));

let app: TestApp;
const clients = {} as Record<Role, ApiClient>;
const emails = {} as Record<Role, string>;
const userIds = {} as Record<Role, number>;

beforeAll(async () => {
  app = await startTestApp();
  for (const role of ROLES) {
    const user = await makeUser(app.db, { role });
    userIds[role] = user.id;
    emails[role] = user.email;
    clients[role] = await app.login(user.email);
  }
  useSampleApp(app, userIds, clients);
});
afterAll(() => app.close());

/** The first role the policy lets through, so requests get past the guard to validation. */
function roleFor(key: RouteKey): Role {
  const access: Access = ROUTE_POLICY[key];
  if (access === 'public' || access === 'authenticated') return 'admin';
  const role = ROLES.find((r) => hasPermission(r, access));
  if (!role) throw new Error(`${key}: no role holds ${access}`);
  return role;
}

/** A copy of the role's client (so Set-Cookie from a fuzzed sign-in cannot swap its session), signed in again if a fuzzed request ended it. */
async function clientFor(role: Role): Promise<ApiClient> {
  if ((await clients[role].get('/auth/me')).status === 401) clients[role] = await app.login(emails[role]);
  const copy = new ApiClient(app.url);
  copy.cookie = clients[role].cookie;
  copy.csrfToken = clients[role].csrfToken;
  return copy;
}

// ---- Arbitraries. Bodies are built as JSON text, so duplicate and __proto__ keys survive.

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const POLLUTION = '{"polluted":"yes","isAdmin":true,"role":"admin","prototype":{"polluted":"yes"}}';

/** A JSON value as text: arbitrary, edge-case numbers and strings, huge, deeply nested, or polluting. */
const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '1e999',
      '-1e999',
      '-0',
      '9007199254740993',
      '1.5',
      '-1',
      '0',
      '2147483648',
      '""',
      '"   "',
      '"\\u0000"',
      '"\\ud800"',
      '"2026-02-30"',
      '"0001-01-01"',
      '"<script>alert(1)</script>"',
      '"\' OR 1=1 --"',
      'true',
      'null',
      '[]',
      '{}',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 150_000 }).map((n) => JSON.stringify('ж'.repeat(n))) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 20_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2_000 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)) },
  { weight: 1, arbitrary: fc.constant(POLLUTION) },
);

type Entries = [key: string, json: string][];
const objectText = (entries: Entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

/** One of the sample's own fields (by position, whatever the sample) or a made-up one. */
type KeyChoice = { index: number } | { name: string };
const keyChoice: fc.Arbitrary<KeyChoice> = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((index) => ({ index })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((name) => ({ name })) },
);

/** How to spoil a valid body: data, so a counterexample reads plainly, applied to the current sample. */
type BodyPlan =
  | { kind: 'replace' | 'duplicate'; key: KeyChoice; value: string }
  | { kind: 'extra'; key: string; value: string }
  | { kind: 'proto'; proto: (typeof PROTO_KEYS)[number]; first: boolean }
  | { kind: 'proto-inside'; key: KeyChoice; proto: (typeof PROTO_KEYS)[number] }
  | { kind: 'drop'; key: KeyChoice }
  | { kind: 'whole'; value: string }
  | { kind: 'not-json'; text: string }
  | { kind: 'media'; contentType: string }
  | { kind: 'none' };

const bodyPlan: fc.Arbitrary<BodyPlan> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), key: keyChoice, value: fragment }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), key: keyChoice, value: fragment }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), key: fc.string({ maxLength: 12 }), value: fragment }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('proto' as const), proto: fc.constantFrom(...PROTO_KEYS), first: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('proto-inside' as const), key: keyChoice, proto: fc.constantFrom(...PROTO_KEYS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), key: keyChoice }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: fragment }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('not-json' as const), text: fc.string({ maxLength: 40 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('media' as const),
      contentType: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
);

/** The same plans, applied to a body sent as is (an upload): cut, padded, doubled, replaced, mislabelled. */
function renderRaw(plan: BodyPlan, raw: string, contentType: string): { text?: string; contentType?: string } {
  const cut = (n: number) => raw.slice(0, n % Math.max(1, raw.length));
  switch (plan.kind) {
    case 'replace':
      return { text: cut(plan.value.length), contentType };
    case 'duplicate':
      return { text: raw + raw, contentType };
    case 'extra':
      return { text: raw + plan.value, contentType };
    case 'proto':
    case 'proto-inside':
      return { text: raw, contentType: contentType.replace(/boundary=[^;]*/, `boundary=${plan.proto}`) };
    case 'drop':
      return { text: raw.replace(/name="[^"]*"/, 'name="x"'), contentType };
    case 'whole':
      return { text: plan.value, contentType };
    case 'not-json':
      return { text: plan.text, contentType };
    case 'media':
      return { text: raw, contentType: plan.contentType };
    case 'none':
      return {};
  }
}

/** The body text and media type a plan makes of a sample body. */
function renderBody(plan: BodyPlan, sample: unknown): { text?: string; contentType?: string } {
  const isObject = typeof sample === 'object' && sample !== null && !Array.isArray(sample);
  const entries: Entries = isObject ? Object.entries(sample).map(([k, v]) => [k, JSON.stringify(v)]) : [];
  const keyOf = (c: KeyChoice) => ('index' in c ? (entries[c.index % Math.max(1, entries.length)]?.[0] ?? 'x') : c.name);
  const without = (key: string) => entries.filter(([k]) => k !== key);
  const json = (text: string) => ({ text, contentType: 'application/json' });
  switch (plan.kind) {
    case 'replace':
      return json(objectText([...without(keyOf(plan.key)), [keyOf(plan.key), plan.value]]));
    case 'duplicate':
      return json(objectText([[keyOf(plan.key), plan.value], ...entries]));
    case 'extra':
      return json(objectText([...entries, [plan.key, plan.value]]));
    case 'proto':
      return json(objectText(plan.first ? [[plan.proto, POLLUTION], ...entries] : [...entries, [plan.proto, POLLUTION]]));
    case 'proto-inside':
      return json(objectText([...without(keyOf(plan.key)), [keyOf(plan.key), `{${JSON.stringify(plan.proto)}:${POLLUTION}}`]]));
    case 'drop':
      return json(objectText(without(keyOf(plan.key))));
    case 'whole':
      return json(plan.value);
    case 'not-json':
      return json(plan.text);
    case 'media':
      return { text: objectText(entries), contentType: plan.contentType };
    case 'none':
      return {};
  }
}

/** Path ids that are not ids: some sent raw (bad escapes included), most encoded. */
const oddId = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1.5',
    '1e3',
    '00001',
    '99999999999999999999',
    '9007199254740993',
    'NaN',
    'null',
    '%00',
    '%E0%A4%A',
    '%',
    '%2F..%2F',
    '0x10',
    '%EF%BC%91',
  ),
  fc
    .string({ maxLength: 20 })
    .filter((s) => s.length > 0)
    .map(encodeURIComponent),
  fc.nat({ max: 100_000 }).map(String),
);

const queryPart = fc.oneof(
  fc.string({ maxLength: 10 }).map(encodeURIComponent),
  fc.constantFrom('', '1', '0', '-1', '1e3', '%', '%00', '__proto__', 'constructor', 'version', 'page', 'pageSize'),
);

type Plan = { body: BodyPlan; id: string | null; duplicateQuery: boolean; extraQuery: [string, string][] };

const plan: fc.Arbitrary<Plan> = fc.record({
  body: bodyPlan,
  id: fc.option(oddId, { freq: 3 }),
  duplicateQuery: fc.boolean(),
  extraQuery: fc.array(fc.tuple(queryPart, queryPart), { maxLength: 3 }),
});

/** Applies the path and query parts of a plan to the sample's path. */
function spoilPath(key: RouteKey, path: string, plan: Plan): string {
  const [pathname = '', query = ''] = path.split('?');
  const template = key.split(' ')[1]?.split('/') ?? [];
  const segments = pathname.split('/');
  if (plan.id !== null) {
    const params = template.flatMap((seg, i) => (seg.startsWith(':') ? [i] : []));
    const at = params[plan.id.length % Math.max(1, params.length)];
    if (at !== undefined) segments[at] = plan.id;
  }
  const pairs = query ? query.split('&') : [];
  if (plan.duplicateQuery) pairs.push(...pairs);
  pairs.push(...plan.extraQuery.map(([k, v]) => `${k}=${v}`));
  return segments.join('/') + (pairs.length > 0 ? `?${pairs.join('&')}` : '');
}

function expectOneErrorShape(res: { status: number; body: unknown; text: string }) {
  const body = res.body as { error?: Record<string, unknown> } | undefined;
  expect(body, `${res.status} ${res.text.slice(0, 300)}`).toBeTypeOf('object');
  expect(Object.keys(body ?? {})).toEqual(['error']);
  const error = body?.error ?? {};
  expect(
    Object.keys(error).every((k) => ['code', 'message', 'details'].includes(k)),
    res.text.slice(0, 300),
  ).toBe(true);
  expect(ERROR_CODES).toContain(error.code);
  expect(error.message).toBeTypeOf('string');
}

describe('fuzzing every write route', () => {
  it('covers every write route of the policy table with a sample', () => {
    const missing = WRITE_ROUTES.filter((key) => typeof (SAMPLES as Partial<typeof SAMPLES>)[key] !== 'function');
    expect(missing, 'add a sample for these routes in tests/api/samples/ (the module for its area)').toEqual([]);
    expect(WRITE_ROUTES.length).toBeGreaterThan(10);
  });

  it.each(WRITE_ROUTES)(
    '%s: spoiled requests never answer 5xx, and each 4xx has the one error shape and changes nothing',
    { timeout: 60_000 },
    async (key) => {
      const build = (SAMPLES as Partial<typeof SAMPLES>)[key];
      if (!build) throw new Error(`${key} has no sample in tests/api/samples/ (the module for its area): add one so the route is fuzzed`);
      const role = roleFor(key);
      // A sample is reused until a request succeeds: a success may have used it up (deleted, versioned, signed out).
      let call: Call | undefined = await build(role);
      const runs = call.client ? RUNS_WITH_OWN_SESSION : RUNS;
      let roleClient = await clientFor(role);

      await fc.assert(
        fc.asyncProperty(plan, async (p) => {
          call ??= await build(role);
          const client = call.client ?? roleClient;
          const path = spoilPath(key, call.path, p);
          const { text, contentType } =
            call.raw === undefined
              ? renderBody(p.body, call.body ?? {})
              : renderRaw(p.body, call.raw, call.headers?.['content-type'] ?? 'application/octet-stream');
          const headers: Record<string, string> = { ...call.headers };
          delete headers['content-type'];
          if (contentType) headers['content-type'] = contentType;
          const before = await databaseDigest(app.db);
          const res = await client.request(call.method, path, { raw: text, headers });
          const context = `${call.method} ${path.slice(0, 200)} (${p.body.kind}: ${(text ?? '').slice(0, 120)}) -> ${res.status} ${res.text.slice(0, 300)}`;

          expect(res.status, context).toBeLessThan(500);
          expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
          if (res.status >= 400) {
            expectOneErrorShape(res);
            expect(await databaseDigest(app.db), `a rejected request changed the database: ${context}`).toBe(before);
          } else {
            call = undefined;
            roleClient = await clientFor(role);
          }
        }),
        { numRuns: runs, endOnFailure: true },
      );
    },
  );
});
