import { and, asc, count, eq, exists, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { moneyFromMinor, type CurrencyCode } from '@shared/money';
import type { ListProjectsQuery, Project } from '@shared/schemas/project';
import { first, type Db } from '../../db/client';
import { budgetLines, expenditures, projectCountries, projectMembers, projects } from '../../db/schema';
import type { AuthUser } from '../../core/auth-user';
import { createProjectsTable } from '../../repositories/projects.repository';

export type ProjectRow = typeof projects.$inferSelect;

/** Storage shape → API shape. */
export function toProject(row: ProjectRow, memberStates: string[]): Project {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    description: row.description,
    goal: row.goal,
    status: row.status as Project['status'],
    type: row.type as Project['type'],
    region: row.region as Project['region'],
    memberStates,
    coverage: row.coverage as Project['coverage'],
    startYear: row.startYear,
    endYear: row.endYear,
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    budget: moneyFromMinor(row.budgetMinor, row.currency as CurrencyCode),
    implementingOrg: row.implementingOrg,
    funder: row.funder,
    illustrative: row.illustrative,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

export function createProjectsRepository(db: Db) {
  const table = createProjectsTable(db);
  async function countriesOf(ids: number[]): Promise<Map<number, string[]>> {
    const map = new Map<number, string[]>();
    if (ids.length === 0) return map;
    const rows = await db
      .select()
      .from(projectCountries)
      .where(inArray(projectCountries.projectId, ids))
      .orderBy(asc(projectCountries.projectId), asc(projectCountries.position));
    for (const r of rows) map.set(r.projectId, [...(map.get(r.projectId) ?? []), r.country]);
    return map;
  }

  return {
    async list(user: AuthUser, query: ListProjectsQuery): Promise<{ items: Project[]; total: number }> {
      const where: SQL[] = [];
      if (user.role !== 'admin') {
        where.push(inArray(projects.id, db.select({ id: projectMembers.projectId }).from(projectMembers).where(eq(projectMembers.userId, user.id))));
      }
      if (query.q) {
        const pattern = `%${escapeLike(query.q.toLocaleLowerCase('ru'))}%`;
        const match = or(
          sql`unicode_lower(${projects.title}) LIKE ${pattern} ESCAPE '\\'`,
          sql`unicode_lower(${projects.code}) LIKE ${pattern} ESCAPE '\\'`,
        );
        if (match) where.push(match);
      }
      if (query.status) where.push(eq(projects.status, query.status));
      if (query.type) where.push(eq(projects.type, query.type));
      if (query.region) where.push(eq(projects.region, query.region));
      if (query.memberState) {
        const country = query.memberState;
        where.push(
          exists(
            db
              .select({ one: sql`1` })
              .from(projectCountries)
              .where(and(eq(projectCountries.projectId, projects.id), eq(projectCountries.country, country))),
          ),
        );
      }
      if (query.year !== undefined) where.push(lte(projects.startYear, query.year), gte(projects.endYear, query.year));
      const condition = where.length ? and(...where) : undefined;

      const pageSize = query.pageSize ?? 50;
      const page = query.page ?? 1;
      const rows = await db
        .select()
        .from(projects)
        .where(condition)
        .orderBy(asc(projects.code))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const total = Number((await first(db.select({ n: count() }).from(projects).where(condition)))?.n ?? 0);
      const countries = await countriesOf(rows.map((r) => r.id));
      return { items: rows.map((r) => toProject(r, countries.get(r.id) ?? [])), total };
    },

    async find(id: number): Promise<Project | undefined> {
      const row = await first(db.select().from(projects).where(eq(projects.id, id)));
      return row ? toProject(row, (await countriesOf([id])).get(id) ?? []) : undefined;
    },

    async codeTaken(code: string, exceptId?: number): Promise<boolean> {
      const row = await first(db.select({ id: projects.id }).from(projects).where(eq(projects.code, code)));
      return !!row && row.id !== exceptId;
    },

    insert: async (values: typeof projects.$inferInsert, memberStates: string[]): Promise<number> => (await table.insert(values, memberStates)).id,
    updateVersioned: table.updateVersioned,
    setCountries: table.setCountries,

    /** True when budget lines or ledger entries exist, which fixes the project currency. */
    async hasMoneyRecords(projectId: number): Promise<boolean> {
      const line = await first(db.select({ id: budgetLines.id }).from(budgetLines).where(eq(budgetLines.projectId, projectId)).limit(1));
      if (line) return true;
      return !!(await first(db.select({ id: expenditures.id }).from(expenditures).where(eq(expenditures.projectId, projectId)).limit(1)));
    },

    addMember: table.addMember,
  };
}
export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;
