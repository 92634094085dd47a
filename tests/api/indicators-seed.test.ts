import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '@shared/calc/dates';
import { MeOverviewSchema } from '@shared/schemas/indicator-summary';
import { ResultsSchema, type Results } from '@shared/schemas/results';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';
import { startTestApp, type ApiClient, type TestApp } from './harness';

let app: TestApp;
let manager: ApiClient;
let donor: ApiClient;
const projectIds: Record<string, number> = {};

beforeAll(async () => {
  app = await startTestApp();
  await seedDemo(app.db, todayIso());
  manager = await app.login('manager@example.org', DEMO_PASSWORD);
  donor = await app.login('donor@example.org', DEMO_PASSWORD);
  for (const p of (await manager.get('/projects')).body.items as { id: number; code: string }[]) projectIds[p.code] = p.id;
});
afterAll(() => app.close());

const allIndicators = (r: Results) => [
  ...r.goalIndicators,
  ...r.outcomes.flatMap((o) => [...o.indicators, ...o.outputs.flatMap((x) => x.indicators)]),
];

describe('demo seed: indicators', () => {
  it('gives CE.0219 an illustrative framework on 2013–2014 semi-annual periods, with one value awaiting approval', async () => {
    const results = ResultsSchema.parse((await manager.get(`/projects/${projectIds['CE.0219']}/results`)).body);
    const indicators = allIndicators(results);
    expect(indicators.map((i) => i.code)).toEqual(['G.a', '1.a', '1.b', '1.c', '2.a', '2.b', '2.c']);
    expect(indicators.every((i) => i.illustrative)).toBe(true);
    expect(indicators[1]!.periods.map((p) => `${p.start}/${p.end}`)).toEqual([
      '2013-01-01/2013-06-30',
      '2013-07-01/2013-12-31',
      '2014-01-01/2014-06-30',
      '2014-07-01/2014-12-31',
    ]);
    const statuses = indicators.flatMap((i) => i.periods.map((p) => p.status)).filter((s) => s !== null);
    expect(statuses.filter((s) => s === 'submitted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'approved').length).toBeGreaterThan(10);
  });

  it('shows the donor of CE.0219 approved values only', async () => {
    const results = ResultsSchema.parse((await donor.get(`/projects/${projectIds['CE.0219']}/results`)).body);
    const statuses = new Set(allIndicators(results).flatMap((i) => i.periods.map((p) => p.status)));
    expect([...statuses].sort()).toEqual(['approved', null].sort());
  });

  it('gives the follow-up project values that are approved, submitted, returned, drafted, due and late', async () => {
    const overview = MeOverviewSchema.parse((await manager.get(`/projects/${projectIds['DEMO-TJ-02']}/me-overview`)).body);
    const items = overview.periods.flatMap((p) => p.items);
    expect(overview.counts.approved).toBeGreaterThan(0);
    expect(overview.counts).toMatchObject({ submitted: 1, returned: 1, draft: 1 });
    expect(items.some((i) => i.late)).toBe(true);
    expect(items.some((i) => i.due && !i.late && i.valueStatus === null)).toBe(true);
  });
});
