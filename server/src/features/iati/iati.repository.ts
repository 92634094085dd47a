import { and, asc, eq, inArray } from 'drizzle-orm';
import { first, single, type Db } from '../../db/client';
import {
  budgetLines,
  expenditures,
  indicatorPeriods,
  indicators,
  indicatorValues,
  outcomes,
  outputs,
  projectCountries,
  projectMembers,
  projects,
} from '../../db/schema';
import type { AuthUser } from '../../core/auth-user';

export type ProjectRow = typeof projects.$inferSelect;
export type OutcomeRow = typeof outcomes.$inferSelect;
export type OutputRow = typeof outputs.$inferSelect;
export type IndicatorRow = typeof indicators.$inferSelect;
export type PeriodRow = typeof indicatorPeriods.$inferSelect;
export type ValueRow = typeof indicatorValues.$inferSelect;
export type LineRow = typeof budgetLines.$inferSelect;
export type EntryRow = typeof expenditures.$inferSelect;

/** Everything of one project that an IATI activity carries, as stored. */
export type ActivityRecord = {
  project: ProjectRow;
  countries: string[];
  outcomes: OutcomeRow[];
  outputs: OutputRow[];
  indicators: IndicatorRow[];
  periods: PeriodRow[];
  /** Approved values only, by period: IATI publishes what was approved. */
  approved: Map<number, ValueRow>;
  lines: LineRow[];
  entries: EntryRow[];
};

/**
 * Reads and writes of the IATI exchange. It reads the stored rows directly (the export
 * is a projection of storage, not of any one feature's API) and writes an import in the
 * caller's transaction.
 */
export function createIatiRepository(db: Db) {
  return {
    /** Ids of the projects the user may see, by code: all for admins, their own for others. */
    async visibleProjectIds(user: AuthUser): Promise<number[]> {
      const q = db.select({ id: projects.id }).from(projects);
      const rows =
        user.role === 'admin'
          ? await q.orderBy(asc(projects.code))
          : await q
              .where(inArray(projects.id, db.select({ id: projectMembers.projectId }).from(projectMembers).where(eq(projectMembers.userId, user.id))))
              .orderBy(asc(projects.code));
      return rows.map((r) => r.id);
    },

    projectByCode(code: string): Promise<ProjectRow | undefined> {
      return first(db.select().from(projects).where(eq(projects.code, code)));
    },

    async record(projectId: number): Promise<ActivityRecord | undefined> {
      const project = await first(db.select().from(projects).where(eq(projects.id, projectId)));
      if (!project) return undefined;
      const periods = await db
        .select()
        .from(indicatorPeriods)
        .where(eq(indicatorPeriods.projectId, projectId))
        .orderBy(asc(indicatorPeriods.start), asc(indicatorPeriods.id));
      const approved = await db
        .select()
        .from(indicatorValues)
        .where(and(eq(indicatorValues.projectId, projectId), eq(indicatorValues.status, 'approved')));
      return {
        project,
        countries: (
          await db
            .select({ c: projectCountries.country })
            .from(projectCountries)
            .where(eq(projectCountries.projectId, projectId))
            .orderBy(asc(projectCountries.position))
        ).map((r) => r.c),
        outcomes: await db.select().from(outcomes).where(eq(outcomes.projectId, projectId)).orderBy(asc(outcomes.position), asc(outcomes.id)),
        outputs: await db.select().from(outputs).where(eq(outputs.projectId, projectId)).orderBy(asc(outputs.position), asc(outputs.id)),
        indicators: await db
          .select()
          .from(indicators)
          .where(eq(indicators.projectId, projectId))
          .orderBy(asc(indicators.position), asc(indicators.id)),
        periods,
        approved: new Map(approved.map((v) => [v.periodId, v])),
        lines: await db.select().from(budgetLines).where(eq(budgetLines.projectId, projectId)).orderBy(asc(budgetLines.id)),
        entries: await db
          .select()
          .from(expenditures)
          .where(eq(expenditures.projectId, projectId))
          .orderBy(asc(expenditures.date), asc(expenditures.id)),
      };
    },

    async insertProject(values: typeof projects.$inferInsert): Promise<number> {
      return (await single(db.insert(projects).values(values).returning({ id: projects.id }))).id;
    },
    async updateProject(id: number, values: Partial<typeof projects.$inferInsert>): Promise<void> {
      await db
        .update(projects)
        .set({ ...values, updatedAt: new Date().toISOString() })
        .where(eq(projects.id, id));
    },
    async bumpVersion(id: number, version: number): Promise<void> {
      await db
        .update(projects)
        .set({ version: version + 1 })
        .where(eq(projects.id, id));
    },
    async setCountries(projectId: number, countries: string[]): Promise<void> {
      await db.delete(projectCountries).where(eq(projectCountries.projectId, projectId));
      const unique = [...new Set(countries)];
      if (unique.length) await db.insert(projectCountries).values(unique.map((country, position) => ({ projectId, country, position })));
    },
    async addMember(projectId: number, userId: number): Promise<void> {
      await db.insert(projectMembers).values({ projectId, userId }).onConflictDoNothing();
    },
    async insertOutcome(values: typeof outcomes.$inferInsert): Promise<OutcomeRow> {
      return single(db.insert(outcomes).values(values).returning());
    },
    async updateOutcome(id: number, values: Partial<typeof outcomes.$inferInsert>, version: number): Promise<void> {
      await db
        .update(outcomes)
        .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
        .where(eq(outcomes.id, id));
    },
    async insertOutput(values: typeof outputs.$inferInsert): Promise<OutputRow> {
      return single(db.insert(outputs).values(values).returning());
    },
    async updateOutput(id: number, values: Partial<typeof outputs.$inferInsert>, version: number): Promise<void> {
      await db
        .update(outputs)
        .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
        .where(eq(outputs.id, id));
    },
    async insertIndicator(values: typeof indicators.$inferInsert): Promise<IndicatorRow> {
      return single(db.insert(indicators).values(values).returning());
    },
    async updateIndicator(id: number, values: Partial<typeof indicators.$inferInsert>, version: number): Promise<void> {
      await db
        .update(indicators)
        .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
        .where(eq(indicators.id, id));
    },
    async insertPeriod(values: typeof indicatorPeriods.$inferInsert): Promise<PeriodRow> {
      return single(db.insert(indicatorPeriods).values(values).returning());
    },
    async updatePeriod(id: number, values: Partial<typeof indicatorPeriods.$inferInsert>, version: number): Promise<void> {
      await db
        .update(indicatorPeriods)
        .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
        .where(eq(indicatorPeriods.id, id));
    },
    valueOfPeriod(periodId: number): Promise<ValueRow | undefined> {
      return first(db.select().from(indicatorValues).where(eq(indicatorValues.periodId, periodId)));
    },
    async insertValue(values: typeof indicatorValues.$inferInsert): Promise<void> {
      await db.insert(indicatorValues).values(values);
    },
    async insertLine(values: typeof budgetLines.$inferInsert): Promise<void> {
      await db.insert(budgetLines).values(values);
    },
    async insertEntry(values: typeof expenditures.$inferInsert): Promise<void> {
      await db.insert(expenditures).values(values);
    },
  };
}
export type IatiRepository = ReturnType<typeof createIatiRepository>;
