import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BudgetAnalysisSchema } from '@shared/schemas/budget';
import { ExpenditureListSchema } from '@shared/schemas/budget-ledger';
import { TimelineSchema, type TimelineActivity } from '@shared/schemas/timeline';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';
import { startTestApp, type ApiClient, type TestApp } from './harness';
import { rawGet } from './raw-sql';

let app: TestApp;
let manager: ApiClient;
const projectId = async (code: string) => (await rawGet<{ id: number }>(app.db, 'SELECT id FROM projects WHERE code = ?', code))!.id;

beforeAll(async () => {
  app = await startTestApp();
  await seedDemo(app.db);
  manager = await app.login('manager@example.org', DEMO_PASSWORD);
});
afterAll(() => app.close());

const activitiesOf = (timeline: { groups: { outputs: { activities: TimelineActivity[] }[]; activities: TimelineActivity[] }[] }) =>
  timeline.groups.flatMap((g) => [...g.outputs.flatMap((o) => o.activities), ...g.activities]);

describe('demo seed: budget and timeline', () => {
  it('gives CE.0219 an illustrative budget of exactly USD 150,000.00, all lines allocated or costed centrally', async () => {
    const id = await projectId('CE.0219');
    const budget = BudgetAnalysisSchema.parse((await manager.get(`/projects/${id}/budget`)).body);
    expect(budget.totals.budget).toEqual({ amount: '150000.00', currency: 'USD' });
    expect(budget.projectBudget).toEqual({ amount: '150000.00', currency: 'USD' });
    expect(budget.unbudgeted).toEqual({ amount: '0.00', currency: 'USD' });
    expect(budget.illustrative).toBe(true);
    expect(budget.byCategory.rows.filter((r) => r.budget.amount !== '0.00').map((r) => r.category)).toHaveLength(8);
    expect(budget.byOutcome.rows.every((r) => r.budget.amount !== '0.00')).toBe(true);
    const ledger = ExpenditureListSchema.parse((await manager.get(`/projects/${id}/expenditures?currency=TJS&pageSize=200`)).body);
    expect(ledger.total).toBeGreaterThan(0);
    expect(ledger.items.every((e) => e.fxRate !== '1' && e.illustrative)).toBe(true);
    expect((await manager.get(`/projects/${id}/expenditures?type=commitment`)).body.total).toBeGreaterThan(0);
    expect((await manager.get(`/budget-lines/${budget.byLine.rows.find((r) => r.revised)?.id}/revisions`)).body.total).toBe(1);
  });

  it('gives CE.0219 its milestones and sub-events that add up to the activities own counts, or counts from attendance where it is recorded', async () => {
    const id = await projectId('CE.0219');
    const timeline = TimelineSchema.parse((await manager.get(`/projects/${id}/timeline`)).body);
    const titles = activitiesOf(timeline).flatMap((a) => a.milestones.map((m) => m.title));
    expect(titles).toEqual(expect.arrayContaining(['Mapping report published', 'Action Plan adopted by the Government']));
    // The trust-building events have attendance (demo-registry.ts): their counts come from it.
    const series = activitiesOf(timeline).find((a) => a.kind === 'trust_building_series');
    const attendance = (await manager.get(`/activities/${series?.id}/attendance`)).body.counts;
    expect(series).toMatchObject({ participantsSource: 'attendance', attendeeCount: attendance.uniquePeople, participants: attendance.participants });
    for (const kind of ['joint_seminar_series', 'study_tour'] as const) {
      const activity = activitiesOf(timeline).find((a) => a.kind === kind);
      const own = await rawGet(
        app.db,
        'SELECT participants_women AS women, participants_men AS men, participants_government AS government, participants_diaspora AS diaspora, participants_civil_society AS "civilSociety", participants_international AS international FROM activities WHERE id = ?',
        activity?.id,
      );
      expect(activity?.participantsFromSubEvents).toBe(true);
      expect(activity?.participantsSource).toBe('entered');
      expect(activity?.participants).toEqual(own);
    }
    expect(timeline.dependencies.every((d) => !d.broken)).toBe(true);
  });

  it('gives the follow-up project live spending, a line over tolerance and one broken dependency', async () => {
    const id = await projectId('DEMO-TJ-02');
    const budget = BudgetAnalysisSchema.parse((await manager.get(`/projects/${id}/budget`)).body);
    expect(budget.totals.budget).toEqual({ amount: '240000.00', currency: 'USD' });
    expect(budget.burnRate.elapsedPercent).toBeGreaterThan(0);
    expect(budget.burnRate.elapsedPercent).toBeLessThan(100);
    expect(budget.burnRate.forecastAtCompletion).not.toBeNull();
    expect(budget.byLine.rows.filter((r) => r.warning).map((r) => r.code)).toEqual(['MTG-2']);
    const timeline = TimelineSchema.parse((await manager.get(`/projects/${id}/timeline`)).body);
    expect(timeline.dependencies.map((d) => d.broken)).toEqual([false, true]);
  });
});
