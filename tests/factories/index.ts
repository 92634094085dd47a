import type { Role } from '@shared/enums';
import { hashPassword } from '../../server/src/core/password';
import type { Db } from '../../server/src/db/client';
import { activities, outcomes, outputs, projectCountries, projectMembers, projects, users } from '../../server/src/db/schema';

/** The one password every factory-made user has. */
export const TEST_PASSWORD = 'correct horse battery staple';

// Hashing costs ~128 MiB and a few hundred ms, so it is done once per test file.
let hash: Promise<string> | undefined;
const passwordHash = () => (hash ??= hashPassword(TEST_PASSWORD));

let seq = 0;
const next = () => ++seq;

export async function makeUser(
  db: Db,
  overrides: Partial<typeof users.$inferInsert> & { role?: Role; projectIds?: number[] } = {},
) {
  const n = next();
  const { projectIds = [], ...values } = overrides;
  const row = db
    .insert(users)
    .values({
      email: `user${n}-${Date.now()}@example.test`,
      name: `Test User ${n}`,
      role: 'manager',
      passwordHash: await passwordHash(),
      ...values,
    })
    .returning()
    .get();
  for (const projectId of projectIds) db.insert(projectMembers).values({ projectId, userId: row.id }).run();
  return row;
}

export function makeProject(
  db: Db,
  overrides: Partial<typeof projects.$inferInsert> & { memberIds?: number[]; countries?: string[] } = {},
) {
  const n = next();
  const { memberIds = [], countries = ['TJ'], ...values } = overrides;
  const row = db
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
    .get();
  countries.forEach((country, position) => db.insert(projectCountries).values({ projectId: row.id, country, position }).run());
  for (const userId of memberIds) db.insert(projectMembers).values({ projectId: row.id, userId }).run();
  return row;
}

export function makeOutcome(db: Db, projectId: number, overrides: Partial<typeof outcomes.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(outcomes)
    .values({ projectId, title: `Outcome ${n}`, position: n, ...overrides })
    .returning()
    .get();
}

export function makeOutput(db: Db, outcome: { id: number; projectId: number }, overrides: Partial<typeof outputs.$inferInsert> = {}) {
  const n = next();
  return db
    .insert(outputs)
    .values({ projectId: outcome.projectId, outcomeId: outcome.id, title: `Output ${n}`, position: n, ...overrides })
    .returning()
    .get();
}

export function makeActivity(
  db: Db,
  outcome: { id: number; projectId: number },
  overrides: Partial<typeof activities.$inferInsert> = {},
) {
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
    .get();
}
