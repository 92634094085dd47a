import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '@shared/calc/dates';
import { PersonListSchema } from '@shared/schemas/registry';
import { RegistrySummarySchema } from '@shared/schemas/registry-summary';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';
import { startTestApp, type ApiClient, type TestApp } from './harness';

let app: TestApp;
let manager: ApiClient;
let donor: ApiClient;
let ce0219: number;

beforeAll(async () => {
  app = await startTestApp();
  await seedDemo(app.db, todayIso());
  manager = await app.login('manager@example.org', DEMO_PASSWORD);
  donor = await app.login('donor@example.org', DEMO_PASSWORD);
  ce0219 = ((await manager.get('/projects')).body.items as { id: number; code: string }[]).find((p) => p.code === 'CE.0219')!.id;
});
afterAll(() => app.close());

describe('demo seed: diaspora registry', () => {
  it('gives CE.0219 96 invented people, every one flagged illustrative and obviously demo', async () => {
    const res = await manager.get(`/registry/people?projectId=${ce0219}&pageSize=200`);
    const people = PersonListSchema.parse(res.body).items;
    expect(people).toHaveLength(96);
    expect(people.every((p) => p.illustrative && p.email?.endsWith('@example.org') && p.notes?.startsWith('Illustrative'))).toBe(true);
    const statuses = people.map((p) => p.consent.status);
    expect(statuses.filter((s) => s === 'withdrawn').length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 'none').length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 'given').length).toBeGreaterThan(80);
    expect(new Set(people.map((p) => p.country))).toEqual(new Set(['RU', 'KZ', 'TR', 'US', 'DE', 'AE', 'GB', 'TJ']));
  });

  it('has illustrative organisations with engagement history, each with a contact person from the registry', async () => {
    const orgs = (await manager.get(`/registry/organisations?projectId=${ce0219}`)).body.items as {
      illustrative: boolean;
      engagements: unknown[];
      memberCount: number;
      country: string;
      contactPerson: { id: number; name: string } | null;
    }[];
    expect(orgs.length).toBeGreaterThanOrEqual(6);
    expect(orgs.every((o) => o.illustrative && o.engagements.length > 0)).toBe(true);
    expect(orgs.some((o) => o.memberCount > 0)).toBe(true);
    for (const o of orgs) {
      expect(o.contactPerson, o.country).not.toBeNull();
      const person = (await manager.get(`/registry/people/${o.contactPerson?.id}`)).body as { name: string; country: string; projectId: number };
      expect(person).toMatchObject({ name: o.contactPerson?.name, country: o.country, projectId: ce0219 });
    }
  });

  it('has attendance at the forum and at each trust-building event, feeding engagement counts', async () => {
    const activities = (await manager.get(`/projects/${ce0219}/activities`)).body.items as { id: number; kind: string }[];
    const forum = activities.find((a) => a.kind === 'national_forum')!;
    const series = activities.find((a) => a.kind === 'trust_building_series')!;
    const forumAttendance = (await donor.get(`/activities/${forum.id}/attendance`)).body;
    expect(forumAttendance.counts.uniquePeople).toBeGreaterThan(50);
    const seriesAttendance = (await manager.get(`/activities/${series.id}/attendance`)).body.items as { subEventId: number | null }[];
    expect(seriesAttendance.length).toBeGreaterThan(0);
    expect(seriesAttendance.every((a) => a.subEventId !== null)).toBe(true);
    const engagement = (await donor.get(`/projects/${ce0219}/attendance/engagement?from=2013-01-01&to=2014-12-31`)).body.counts;
    expect(engagement.uniquePeople).toBeGreaterThan(forumAttendance.counts.uniquePeople);
  });

  it('as a donor: the summary publishes the large countries and suppresses the small ones', async () => {
    const summary = RegistrySummarySchema.parse((await donor.get(`/registry/summary?projectId=${ce0219}`)).body);
    expect(summary.total.count).toBe(96);
    const country = Object.fromEntries(summary.dimensions.country.map((c) => [c.key, c]));
    expect(country.RU?.count).toBe(28);
    expect(country.GB).toEqual({ key: 'GB', count: null, suppressed: true });
  });
});
