import { count } from 'drizzle-orm';
import type { ActivityKind, ActivityStatus } from '@shared/enums';
import { hashPassword } from '../core/password';
import { first, inTransaction, type Db } from '../db/client';
import { users } from '../db/schema';
import { createActivitiesTable } from '../repositories/activities.repository';
import { createProjectsTable } from '../repositories/projects.repository';
import { createResultsTables } from '../repositories/results.repository';
import { createUsersTable } from '../repositories/users.repository';
import { seedBudgetAndTimeline } from './demo-budget';
import { seedIndicators } from './demo-indicators';
import { seedRegistry } from './demo-registry';
import { seedReports } from './demo-reports';

export const DEMO_PASSWORD = 'hamkori-demo-2026';

/** The demo accounts have chosen English; each switches to Russian or Tajik with one click, which then sticks. */
export const DEMO_ACCOUNTS = [
  { email: 'admin@example.org', name: 'Aziza Rahimova', role: 'admin', organisation: 'Hamkori administration', locale: 'en' },
  { email: 'manager@example.org', name: 'Farrukh Nazarov', role: 'manager', organisation: 'IOM Tajikistan', locale: 'en' },
  { email: 'partner@example.org', name: 'Dilnoza Karimova', role: 'partner', organisation: 'Government of Tajikistan', locale: 'en' },
  { email: 'donor@example.org', name: 'Jonas Berg', role: 'donor', organisation: 'IOM Development Fund', locale: 'en' },
] as const;

type SeedActivity = {
  kind: ActivityKind;
  title: string;
  description: string;
  status: ActivityStatus;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  percentComplete: number;
  location: string;
  participants?: { women: number; men: number; government: number; diaspora: number; civilSociety: number; international: number };
};

/** CE.0219 as published. Everything the record does not state is marked illustrative. */
async function seedCe0219(db: Db, memberIds: number[]) {
  const owners = { projects: createProjectsTable(db), results: createResultsTables(db) };
  const projectId = (
    await owners.projects.insert(
      {
        code: 'CE.0219',
        title: 'Engaging the Tajik Diaspora in Development',
        description:
          'Government engagement with the Tajik diaspora in development is at an early stage. The project supports the Government of Tajikistan in building practical mechanisms that make the most of migration for development.',
        goal: 'Help the Government of Tajikistan develop practical mechanisms that maximise the development impact of migration.',
        status: 'completed',
        type: 'community_economic_development',
        region: 'asia_oceania',
        coverage: 'national',
        startYear: 2013,
        endYear: 2014,
        budgetMinor: 15_000_000,
        currency: 'USD',
        implementingOrg: 'International Organization for Migration (IOM)',
        funder: 'IOM Development Fund (IDF)',
        illustrative: false,
      },
      ['TJ'],
    )
  ).id;
  await owners.projects.addMembers(projectId, memberIds);

  // One insert after another: queries of one transaction share its connection, and ids follow the order.
  const outcomeIds: number[] = [];
  for (const [i, title] of [
    'The Government of Tajikistan engages the Tajik diaspora in development processes in practice, more and better than before.',
    'Government agencies coordinate more with each other and take more ownership of maximising the benefits of migration.',
  ].entries()) {
    outcomeIds.push((await owners.results.insertOutcome({ projectId, title, position: i + 1 })).id);
  }
  const [o1, o2] = outcomeIds as [number, number];

  // Titles, kinds and outcomes follow the record; dates, status, progress and counts are illustrative.
  const plan: (SeedActivity & { outcomeId: number })[] = [
    {
      outcomeId: o1,
      kind: 'national_forum',
      title: 'National forum on diaspora engagement',
      description: 'One practical forum bringing government officials and members of the Tajik diaspora together.',
      status: 'completed',
      plannedStart: '2013-10-14',
      plannedEnd: '2013-10-15',
      actualStart: '2013-11-18',
      actualEnd: '2013-11-19',
      percentComplete: 100,
      location: 'Dushanbe',
      participants: { women: 41, men: 86, government: 48, diaspora: 57, civilSociety: 14, international: 8 },
    },
    {
      outcomeId: o1,
      kind: 'diaspora_mapping',
      title: 'Mapping and inventory of the Tajik diaspora',
      description:
        'A quantitative and qualitative mapping of the diaspora: where its members live, their organisations, skills and willingness to engage.',
      status: 'completed',
      plannedStart: '2013-04-01',
      plannedEnd: '2013-12-31',
      actualStart: '2013-04-15',
      actualEnd: '2014-02-28',
      percentComplete: 100,
      location: 'Russian Federation, Kazakhstan, Tajikistan',
    },
    {
      outcomeId: o1,
      kind: 'study_tour',
      title: 'Study tour on diaspora engagement practice',
      description: 'A visit for officials to learn how other governments engage their diasporas effectively.',
      status: 'completed',
      plannedStart: '2014-03-10',
      plannedEnd: '2014-03-16',
      actualStart: '2014-03-10',
      actualEnd: '2014-03-16',
      percentComplete: 100,
      location: 'Abroad (destination illustrative)',
      participants: { women: 3, men: 7, government: 10, diaspora: 0, civilSociety: 0, international: 0 },
    },
    {
      outcomeId: o1,
      kind: 'trust_building_series',
      title: 'Joint trust-building events between the Government and the diaspora',
      description: 'A series of events that build trust between government bodies and diaspora members.',
      status: 'completed',
      plannedStart: '2013-09-01',
      plannedEnd: '2014-09-30',
      actualStart: '2013-09-20',
      actualEnd: '2014-10-31',
      percentComplete: 100,
      location: 'Dushanbe, Moscow',
      participants: { women: 64, men: 121, government: 52, diaspora: 118, civilSociety: 11, international: 4 },
    },
    {
      outcomeId: o2,
      kind: 'action_plan_update',
      title: 'Update of the national Action Plan on diaspora engagement',
      description: 'Drafting, review and adoption of an updated national Action Plan on engaging the diaspora.',
      status: 'completed',
      plannedStart: '2014-01-15',
      plannedEnd: '2014-09-30',
      actualStart: '2014-02-01',
      actualEnd: '2014-11-28',
      percentComplete: 100,
      location: 'Dushanbe',
    },
    {
      outcomeId: o2,
      kind: 'joint_seminar_series',
      title: 'Joint Government–IOM seminars on migration challenges',
      description:
        'A short series of technical seminars on the main migration challenges of the country and practical ways to address them, open to the international community and civil society.',
      status: 'completed',
      plannedStart: '2013-06-01',
      plannedEnd: '2014-06-30',
      actualStart: '2013-06-12',
      actualEnd: '2014-06-25',
      percentComplete: 100,
      location: 'Dushanbe',
      participants: { women: 38, men: 67, government: 61, diaspora: 6, civilSociety: 27, international: 11 },
    },
  ];
  await insertActivities(db, projectId, plan, null);
}

async function insertActivities(
  db: Db,
  projectId: number,
  plan: (SeedActivity & { outcomeId: number; outputId?: number })[],
  responsible: string | null,
) {
  const positions = new Map<number, number>();
  for (const a of plan) {
    const position = (positions.get(a.outcomeId) ?? 0) + 1;
    positions.set(a.outcomeId, position);
    const p = a.participants;
    await createActivitiesTable(db).insert({
      projectId,
      outcomeId: a.outcomeId,
      outputId: a.outputId ?? null,
      kind: a.kind,
      title: a.title,
      description: a.description,
      status: a.status,
      plannedStart: a.plannedStart,
      plannedEnd: a.plannedEnd,
      actualStart: a.actualStart,
      actualEnd: a.actualEnd,
      percentComplete: a.percentComplete,
      location: a.location,
      responsible: responsible ?? '',
      participantsWomen: p?.women ?? null,
      participantsMen: p?.men ?? null,
      participantsGovernment: p?.government ?? null,
      participantsDiaspora: p?.diaspora ?? null,
      participantsCivilSociety: p?.civilSociety ?? null,
      participantsInternational: p?.international ?? null,
      notes: 'Dates, status, progress and participant counts are illustrative demo values.',
      position,
      illustrative: true,
    });
  }
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A follow-up project that is wholly illustrative: its dates run around the day the
 * demo is seeded, so that due, overdue and slipping have something live to show.
 */
async function seedFollowUp(db: Db, memberIds: number[], today: string) {
  const owners = { projects: createProjectsTable(db), results: createResultsTables(db) };
  const start = addDays(today, -270);
  const end = addDays(today, 300);
  const projectId = (
    await owners.projects.insert(
      {
        code: 'DEMO-TJ-02',
        title: 'Diaspora skills and investment partnership (illustrative follow-up)',
        description: 'An illustrative follow-up to CE.0219, invented for the demo so that live tracking can be tried. It is not a real project.',
        goal: 'Diaspora skills and savings contribute to local development in Tajikistan through mechanisms the Government runs itself.',
        status: 'ongoing',
        type: 'community_economic_development',
        region: 'asia_oceania',
        coverage: 'national',
        startYear: Number(start.slice(0, 4)),
        endYear: Number(end.slice(0, 4)),
        plannedStart: start,
        plannedEnd: end,
        budgetMinor: 24_000_000,
        currency: 'USD',
        implementingOrg: 'International Organization for Migration (IOM)',
        funder: 'Illustrative funder',
        illustrative: true,
      },
      ['TJ', 'RU'],
    )
  ).id;
  await owners.projects.addMembers(projectId, memberIds);

  const o1 = (
    await owners.results.insertOutcome({ projectId, title: 'Diaspora professionals contribute their skills to public institutions.', position: 1 })
  ).id;
  const o2 = (
    await owners.results.insertOutcome({ projectId, title: 'Diaspora savings are channelled into local productive investment.', position: 2 })
  ).id;
  const out = async (outcomeId: number, title: string, position: number) =>
    (await owners.results.insertOutput({ projectId, outcomeId, title, position })).id;
  const o11 = await out(o1, 'A roster of diaspora experts is set up and used by ministries.', 1);
  const o12 = await out(o1, 'Short expert assignments are run with host institutions.', 2);
  const o21 = await out(o2, 'An investment information service for diaspora members is running.', 1);

  const plan: (SeedActivity & { outcomeId: number; outputId?: number })[] = [
    {
      outcomeId: o1,
      outputId: o11,
      kind: 'diaspora_mapping',
      title: 'Skills survey of diaspora professionals',
      description: 'Survey and inventory of professionals abroad willing to take short assignments.',
      status: 'completed',
      plannedStart: addDays(today, -250),
      plannedEnd: addDays(today, -150),
      actualStart: addDays(today, -245),
      actualEnd: addDays(today, -140),
      percentComplete: 100,
      location: 'Online; Moscow; Dushanbe',
    },
    {
      outcomeId: o1,
      outputId: o12,
      kind: 'trust_building_series',
      title: 'Expert assignment round 1',
      description: 'Six diaspora experts placed with ministries for up to three months.',
      status: 'in_progress',
      plannedStart: addDays(today, -120),
      plannedEnd: addDays(today, -10),
      actualStart: addDays(today, -110),
      actualEnd: null,
      percentComplete: 80,
      location: 'Dushanbe',
      participants: { women: 2, men: 4, government: 0, diaspora: 6, civilSociety: 0, international: 0 },
    },
    {
      outcomeId: o1,
      outputId: o12,
      kind: 'study_tour',
      title: 'Exchange visit to a diaspora-engagement agency',
      description: 'Officials visit an agency that runs a diaspora expert programme.',
      status: 'planned',
      plannedStart: addDays(today, -20),
      plannedEnd: addDays(today, 5),
      actualStart: null,
      actualEnd: null,
      percentComplete: 0,
      location: 'To be confirmed',
    },
    {
      outcomeId: o2,
      outputId: o21,
      kind: 'national_forum',
      title: 'Diaspora investment forum',
      description: 'A forum presenting local investment opportunities to diaspora members.',
      status: 'planned',
      plannedStart: addDays(today, 45),
      plannedEnd: addDays(today, 46),
      actualStart: null,
      actualEnd: null,
      percentComplete: 0,
      location: 'Khujand',
    },
    {
      outcomeId: o2,
      kind: 'joint_seminar_series',
      title: 'Seminars with banks on remittance-linked savings products',
      description: 'Technical seminars with banks and the regulator.',
      status: 'in_progress',
      plannedStart: addDays(today, -60),
      plannedEnd: addDays(today, 120),
      actualStart: addDays(today, -55),
      actualEnd: null,
      percentComplete: 35,
      location: 'Dushanbe',
    },
    {
      outcomeId: o2,
      kind: 'action_plan_update',
      title: 'Regulation on diaspora investment incentives',
      description: 'Drafting support for a regulation on incentives for diaspora investment.',
      status: 'on_hold',
      plannedStart: addDays(today, -30),
      plannedEnd: addDays(today, 200),
      actualStart: addDays(today, -25),
      actualEnd: null,
      percentComplete: 10,
      location: 'Dushanbe',
    },
  ];
  await insertActivities(db, projectId, plan, 'Farrukh Nazarov');
}

/** True when the database holds no users yet (a fresh install). */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  return ((await first(db.select({ n: count() }).from(users)))?.n ?? 0) === 0;
}

/** Seeds the demo accounts, CE.0219 and the illustrative follow-up project, in one transaction. */
export async function seedDemo(db: Db, today = new Date().toISOString().slice(0, 10)): Promise<void> {
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  await inTransaction(db, async () => {
    const ids: number[] = [];
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      ids.push((await createUsersTable(db).insert({ ...a, passwordHash: hashes[i] ?? '' })).id);
    }
    const members = ids.slice(1);
    await seedCe0219(db, members);
    await seedFollowUp(db, members, today);
    await seedBudgetAndTimeline(db, today);
    await seedIndicators(db, today);
    // An illustrative diaspora registry for CE.0219 (invented people, @example.org), recorded by the demo manager.
    await seedRegistry(db, ids[1] ?? ids[0] ?? 1);
    // One submitted, illustrative period report of CE.0219, its data frozen as submission does.
    await seedReports(db, 'manager@example.org');
  });
}
