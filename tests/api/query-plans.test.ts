import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/src/seed/demo';
import { seedLarge } from '../../scripts/seed-large';
import { startTestApp, type ApiClient, type TestApp } from './harness';
import { captureStatements, fullScans } from './statements-support';

/**
 * The SQL behind the endpoints `npm run bench` drives, checked with EXPLAIN QUERY PLAN on
 * a small synthetic portfolio: none may read a large table from end to end. Timings are
 * measured by the bench script, never asserted here; a plan is the same on any machine.
 */
const LARGE_TABLES = ['projects', 'activities', 'indicators', 'indicator_values', 'expenditures', 'registry_people', 'audit_log', 'attendance'];

let app: TestApp;
let manager: ApiClient;
let admin: ApiClient;
let projectId = 0;
let activityId = 0;
/** An activity whose events have attendance, so its counts come from it. */
let attendedActivityId = 0;

beforeAll(async () => {
  app = await startTestApp();
  await seedLarge(app.db, 0.02);
  manager = await app.login('manager@example.org', DEMO_PASSWORD);
  admin = await app.login('admin@example.org', DEMO_PASSWORD);
  const list = await manager.get<{ items: { id: number; code: string }[] }>('/projects?q=SYN-&pageSize=100');
  projectId = list.body.items[0]!.id;
  const activities = await manager.get<{ items: { id: number }[] }>(`/projects/${projectId}/activities`);
  activityId = activities.body.items[0]!.id;
  const attended = app.db.$client.prepare('SELECT activity_id AS id FROM attendance WHERE project_id = ? LIMIT 1').get(projectId) as { id: number };
  attendedActivityId = attended.id;
}, 120_000);
afterAll(() => app.close());

const endpoints: { name: string; as: () => ApiClient; paths: () => string[] }[] = [
  {
    name: 'portfolio (manager, filtered)',
    as: () => manager,
    paths: () => ['/projects?status=ongoing&page=1', '/projects?q=programme&region=europe&year=2024'],
  },
  {
    name: 'portfolio (admin, filtered)',
    as: () => admin,
    paths: () => ['/projects?status=ongoing&page=1', '/projects?memberState=TJ&type=research'],
  },
  { name: 'project overview', as: () => manager, paths: () => [`/projects/${projectId}`, `/projects/${projectId}/activities`] },
  { name: 'results tree', as: () => manager, paths: () => [`/projects/${projectId}/results`] },
  { name: 'budget summary', as: () => manager, paths: () => [`/projects/${projectId}/budget`] },
  { name: 'Gantt data', as: () => manager, paths: () => [`/projects/${projectId}/timeline`] },
  { name: 'activity history', as: () => manager, paths: () => [`/activities/${activityId}/history`] },
  {
    name: 'activity page (participants from attendance)',
    as: () => manager,
    paths: () => [`/activities/${attendedActivityId}`, `/activities/${attendedActivityId}/sub-events`],
  },
  { name: 'registry summary', as: () => manager, paths: () => [`/registry/summary?projectId=${projectId}`] },
];

function checkEndpoints() {
  for (const endpoint of endpoints) {
    it(`${endpoint.name}: no statement scans a large table without an index`, async () => {
      const statements = await captureStatements(app.db, async () => {
        for (const path of endpoint.paths()) {
          const res = await endpoint.as().get(path);
          expect(res.status, `${path}: ${res.text}`).toBe(200);
        }
      });
      const reads = statements.filter((s) => /^\s*(select|with)\b/i.test(s.sql));
      expect(reads.length).toBeGreaterThan(0);
      const offenders = reads
        .map((s) => ({ sql: s.sql, scans: fullScans(app.db, s.sql, s.params, LARGE_TABLES) }))
        .filter((o) => o.scans.length > 0)
        .map((o) => `${o.scans.join(', ')} in: ${o.sql}`);
      expect(offenders).toEqual([]);
    });
  }
}

// seed:large runs ANALYZE, as an operator might; a database that never had it plans from heuristics alone.
describe('query plans of the hot read endpoints, with planner statistics', () => {
  checkEndpoints();
});

describe('query plans of the hot read endpoints, without planner statistics', () => {
  beforeAll(() => {
    app.db.$client.exec('DELETE FROM sqlite_stat1; ANALYZE sqlite_schema;');
  });
  checkEndpoints();
});

describe('the plan check', () => {
  it('catches a full scan of a large table and passes an indexed search', () => {
    expect(fullScans(app.db, 'SELECT * FROM expenditures WHERE payee = ?', ['x'], LARGE_TABLES)).toEqual([
      expect.stringMatching(/^SCAN expenditures/),
    ]);
    expect(fullScans(app.db, 'SELECT * FROM expenditures WHERE project_id = ?', [1], LARGE_TABLES)).toEqual([]);
  });
});
