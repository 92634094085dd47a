import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { emailKey, nameKey } from '@shared/calc/registry-duplicates';
import type { Role } from '@shared/enums';
import { hashPassword } from '../../server/src/core/password';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../server/src/db/client';
import { activities, outcomes, outputs, projectCountries, projectMembers, projects, users } from '../../server/src/db/schema';
import { indicatorPeriods, indicators, indicatorValues } from '../../server/src/db/schema';
import { activityDependencies, budgetLines, expenditures, milestones, subEvents } from '../../server/src/db/schema';
import { attendance, registryConsents, registryOrganisations, registryPeople } from '../../server/src/db/schema';
import { reports } from '../../server/src/db/schema';
import { passwordResetTokens } from '../../server/src/db/schema';

/** A password-reset link's token for the user (stored hashed, as the server does); expired when expiresAt is past. */
export async function makeResetToken(db: Db, userId: number, overrides: { expiresAt?: number; usedAt?: string | null } = {}): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(passwordResetTokens).values({
    userId,
    tokenHash: createHash('sha256').update(token).digest('base64url'),
    createdAt: new Date().toISOString(),
    expiresAt: overrides.expiresAt ?? Date.now() + 60 * 60 * 1000,
    usedAt: overrides.usedAt ?? null,
  });
  return token;
}

/** The one password every factory-made user has. */
export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * TEST_PASSWORD hashed with scrypt at N = 2^10 instead of 2^17. The server checks a password
 * with the parameters stored beside its hash, so a user made with this one costs
 * milliseconds per sign-in: for tests that check dozens of wrong passwords.
 */
export const CHEAP_PASSWORD_HASH = (() => {
  const salt = randomBytes(16);
  const key = scryptSync(TEST_PASSWORD.normalize('NFKC'), salt, 32, { N: 1024, r: 8, p: 1 });
  return ['scrypt', 1024, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
})();

// Hashing costs ~128 MiB and a few hundred ms, so it is done once per test file.
let hash: Promise<string> | undefined;
const passwordHash = () => (hash ??= hashPassword(TEST_PASSWORD));

/** The one row an insert … returning() gives back. */
function single<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('The insert returned no row');
  return row;
}

let seq = 0;
const next = () => ++seq;

export async function makeUser(db: Db, overrides: Partial<typeof users.$inferInsert> & { role?: Role; projectIds?: number[] } = {}) {
  const n = next();
  const { projectIds = [], ...values } = overrides;
  const row = await db
    .insert(users)
    .values({
      email: `user${n}-${Date.now()}@example.test`,
      name: `Test User ${n}`,
      role: 'manager',
      // An account as most tests meet it: one that has chosen its language. Pass null for a new one.
      locale: 'en',
      passwordHash: await passwordHash(),
      ...values,
    })
    .returning()
    .then(single);
  for (const projectId of projectIds) await db.insert(projectMembers).values({ projectId, userId: row.id });
  return row;
}

export async function makeProject(db: Db, overrides: Partial<typeof projects.$inferInsert> & { memberIds?: number[]; countries?: string[] } = {}) {
  const n = next();
  const { memberIds = [], countries = ['TJ'], ...values } = overrides;
  const row = await db
    .insert(projects)
    .values({
      code: `T.${n}`,
      title: `Test project ${n}`,
      status: 'ongoing',
      type: 'community_economic_development',
      region: 'asia_oceania',
      coverage: 'national',
      startYear: 2025,
      endYear: 2027,
      budgetMinor: 10_000_000,
      currency: 'USD',
      ...values,
    })
    .returning()
    .then(single);
  if (countries.length > 0) {
    await db.insert(projectCountries).values(countries.map((country, position) => ({ projectId: row.id, country, position })));
  }
  for (const userId of memberIds) await db.insert(projectMembers).values({ projectId: row.id, userId });
  return row;
}

export async function makeOutcome(db: Db, projectId: number, overrides: Partial<typeof outcomes.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(outcomes)
    .values({ projectId, title: `Outcome ${n}`, position: n, ...overrides })
    .returning()
    .then(single);
}

export async function makeOutput(db: Db, outcome: { id: number; projectId: number }, overrides: Partial<typeof outputs.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(outputs)
    .values({ projectId: outcome.projectId, outcomeId: outcome.id, title: `Output ${n}`, position: n, ...overrides })
    .returning()
    .then(single);
}

export async function makeActivity(db: Db, outcome: { id: number; projectId: number }, overrides: Partial<typeof activities.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(activities)
    .values({
      projectId: outcome.projectId,
      outcomeId: outcome.id,
      kind: 'national_forum',
      title: `Activity ${n}`,
      status: 'planned',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-03-31',
      position: n,
      ...overrides,
    })
    .returning()
    .then(single);
}

/** A valid POST /projects body (a unique code each call); override any field. */
export function projectInput(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    code: `NEW.${n}.${Date.now().toString(36)}`,
    title: `New project ${n}`,
    status: 'pipeline',
    type: 'research',
    region: 'europe',
    memberStates: ['MD'],
    coverage: 'national',
    startYear: 2026,
    endYear: 2027,
    budget: { amount: '1000.00', currency: 'EUR' },
    ...overrides,
  };
}

/** Audit rows as stored (before/after parsed), oldest first; filter by entity and id. */
export async function auditRows(db: Db, entity?: string, entityId?: number) {
  const where: SQL[] = [];
  if (entity !== undefined) where.push(sql`entity = ${entity}`);
  if (entityId !== undefined) where.push(sql`entity_id = ${entityId}`);
  const rows = await queryRows<{
    id: number;
    at: string;
    user_id: number | null;
    entity: string;
    entity_id: number;
    project_id: number | null;
    action: string;
    before: unknown;
    after: unknown;
    note: string | null;
  }>(db, sql`SELECT * FROM audit_log ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``} ORDER BY id`);
  // SQLite keeps JSON as text; PostgreSQL hands it back parsed.
  const parsed = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
  return rows.map((r) => ({ ...r, before: parsed(r.before), after: parsed(r.after) }));
}

/** An indicator (goal-level unless outcomeId or outputId is given): a number, cumulative, higher is better. */
export async function makeIndicator(db: Db, projectId: number, overrides: Partial<typeof indicators.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(indicators)
    .values({
      projectId,
      title: `Indicator ${n}`,
      measure: 'number',
      direction: 'higher_is_better',
      aggregation: 'cumulative',
      frequency: 'custom',
      targetValue: 100,
      position: n,
      ...overrides,
    })
    .returning()
    .then(single);
}

/** A reporting period of an indicator (the first quarter of 2025 unless overridden). */
export async function makePeriod(
  db: Db,
  indicator: { id: number; projectId: number },
  overrides: Partial<typeof indicatorPeriods.$inferInsert> = {},
) {
  return db
    .insert(indicatorPeriods)
    .values({ projectId: indicator.projectId, indicatorId: indicator.id, start: '2025-01-01', end: '2025-03-31', target: 50, ...overrides })
    .returning()
    .then(single);
}

/** A value of a period, a draft of 10 unless overridden (set submittedBy with status 'submitted'). */
export async function makeValue(db: Db, period: { id: number; projectId: number }, overrides: Partial<typeof indicatorValues.$inferInsert> = {}) {
  return db
    .insert(indicatorValues)
    .values({ projectId: period.projectId, periodId: period.id, status: 'draft', value: 10, ...overrides })
    .returning()
    .then(single);
}

/** A budget line of 1,000.00 in the project's currency (USD unless the project says otherwise). */
export async function makeBudgetLine(db: Db, project: { id: number; currency?: string }, overrides: Partial<typeof budgetLines.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(budgetLines)
    .values({
      projectId: project.id,
      code: `L-${n}`,
      title: `Budget line ${n}`,
      category: 'other',
      originalMinor: 100_000,
      currency: project.currency ?? 'USD',
      ...overrides,
    })
    .returning()
    .then(single);
}

/** An expenditure of 100.00 in the project's currency, at rate 1, unless overridden. */
export async function makeExpenditure(db: Db, project: { id: number; currency?: string }, overrides: Partial<typeof expenditures.$inferInsert> = {}) {
  const currency = project.currency ?? 'USD';
  return db
    .insert(expenditures)
    .values({
      projectId: project.id,
      type: 'expenditure',
      date: '2026-02-15',
      amountMinor: 10_000,
      currency,
      fxRate: '1',
      convertedMinor: 10_000,
      convertedCurrency: currency,
      ...overrides,
    })
    .returning()
    .then(single);
}

/** A milestone of the project (of an activity when activityId is given), due 2026-03-31. */
export async function makeMilestone(db: Db, projectId: number, overrides: Partial<typeof milestones.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(milestones)
    .values({ projectId, kind: 'milestone', title: `Milestone ${n}`, dueDate: '2026-03-31', ...overrides })
    .returning()
    .then(single);
}

/** A one-day sub-event of an activity on 2026-02-10, with no participants recorded. */
export async function makeSubEvent(db: Db, activity: { id: number; projectId: number }, overrides: Partial<typeof subEvents.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(subEvents)
    .values({ projectId: activity.projectId, activityId: activity.id, title: `Event ${n}`, date: '2026-02-10', ...overrides })
    .returning()
    .then(single);
}

/** A finish-to-start dependency from → to (activities of one project). */
export async function makeDependency(db: Db, from: { id: number; projectId: number }, to: { id: number }) {
  return db.insert(activityDependencies).values({ projectId: from.projectId, predecessorId: from.id, successorId: to.id }).returning().then(single);
}

/**
 * A registry person of a project (illustrative names, @example.org), with current consent
 * unless `consent: false`. Name and email keys are filled as the app fills them.
 */
export async function makePerson(db: Db, projectId: number, overrides: Partial<typeof registryPeople.$inferInsert> & { consent?: boolean } = {}) {
  const n = next();
  const { consent = true, ...values } = overrides;
  const name = values.name ?? `Person ${n} Testov`;
  const email = values.email === undefined ? `person${n}@example.org` : values.email;
  const row = await db
    .insert(registryPeople)
    .values({
      projectId,
      sex: 'female',
      country: 'RU',
      group: 'diaspora',
      ...values,
      name,
      nameKey: nameKey(name),
      email,
      emailKey: emailKey(email),
    })
    .returning()
    .then(single);
  if (consent) {
    await db.insert(registryConsents).values({ personId: row.id, kind: 'given', purpose: 'Test purpose', noticeVersion: 'v1', date: '2026-01-05' });
  }
  return row;
}

export async function makeOrganisation(db: Db, projectId: number, overrides: Partial<typeof registryOrganisations.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(registryOrganisations)
    .values({ projectId, name: `Organisation ${n}`, country: 'RU', type: 'association', ...overrides })
    .returning()
    .then(single);
}

export async function makeAttendance(
  db: Db,
  activity: { id: number; projectId: number },
  personId: number,
  overrides: Partial<typeof attendance.$inferInsert> = {},
) {
  return db
    .insert(attendance)
    .values({ projectId: activity.projectId, activityId: activity.id, personId, date: '2026-02-10', ...overrides })
    .returning()
    .then(single);
}

/** A period report of the project (a draft for Q1 2026 unless overridden; give status 'submitted' for one under review). */
export async function makeReport(db: Db, projectId: number, overrides: Partial<typeof reports.$inferInsert> = {}) {
  const n = next();
  const submitted = overrides.status !== undefined && overrides.status !== 'draft';
  return db
    .insert(reports)
    .values({
      projectId,
      kind: 'quarterly',
      title: `Report ${n}`,
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      narrative: { achievements: '<p>Done</p>', challenges: '', lessonsLearned: '', nextSteps: '', risks: '' },
      ...(submitted ? { submittedAt: new Date().toISOString(), frozenAt: null } : {}),
      ...overrides,
    })
    .returning()
    .then(single);
}
