import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
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
import type { AuthUser } from '../../http/session';

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
    visibleProjectIds(user: AuthUser): number[] {
      const q = db.select({ id: projects.id }).from(projects);
      const rows =
        user.role === 'admin'
          ? q.orderBy(asc(projects.code)).all()
          : q
              .where(inArray(projects.id, db.select({ id: projectMembers.projectId }).from(projectMembers).where(eq(projectMembers.userId, user.id))))
              .orderBy(asc(projects.code))
              .all();
      return rows.map((r) => r.id);
    },

    projectByCode(code: string): ProjectRow | undefined {
      return db.select().from(projects).where(eq(projects.code, code)).get();
    },

    record(projectId: number): ActivityRecord | undefined {
      const project = db.select().from(projects).where(eq(projects.id, projectId)).get();
      if (!project) return undefined;
      const periods = db.select().from(indicatorPeriods).where(eq(indicatorPeriods.projectId, projectId)).orderBy(asc(indicatorPeriods.start), asc(indicatorPeriods.id)).all();
      const approved = db
        .select()
        .from(indicatorValues)
        .where(and(eq(indicatorValues.projectId, projectId), eq(indicatorValues.status, 'approved')))
        .all();
      return {
        project,
        countries: db
          .select({ c: projectCountries.country })
          .from(projectCountries)
          .where(eq(projectCountries.projectId, projectId))
          .orderBy(asc(projectCountries.position))
          .all()
          .map((r) => r.c),
        outcomes: db.select().from(outcomes).where(eq(outcomes.projectId, projectId)).orderBy(asc(outcomes.position), asc(outcomes.id)).all(),
        outputs: db.select().from(outputs).where(eq(outputs.projectId, projectId)).orderBy(asc(outputs.position), asc(outputs.id)).all(),
        indicators: db.select().from(indicators).where(eq(indicators.projectId, projectId)).orderBy(asc(indicators.position), asc(indicators.id)).all(),
        periods,
        approved: new Map(approved.map((v) => [v.periodId, v])),
        lines: db.select().from(budgetLines).where(eq(budgetLines.projectId, projectId)).orderBy(asc(budgetLines.id)).all(),
        entries: db.select().from(expenditures).where(eq(expenditures.projectId, projectId)).orderBy(asc(expenditures.date), asc(expenditures.id)).all(),
      };
    },

    insertProject(values: typeof projects.$inferInsert): number {
      return db.insert(projects).values(values).returning({ id: projects.id }).get().id;
    },
    updateProject(id: number, values: Partial<typeof projects.$inferInsert>): void {
      db.update(projects)
        .set({ ...values, updatedAt: new Date().toISOString() })
        .where(eq(projects.id, id))
        .run();
    },
    bumpVersion(id: number, version: number): void {
      db.update(projects).set({ version: version + 1 }).where(eq(projects.id, id)).run();
    },
    setCountries(projectId: number, countries: string[]): void {
      db.delete(projectCountries).where(eq(projectCountries.projectId, projectId)).run();
      const unique = [...new Set(countries)];
      if (unique.length) db.insert(projectCountries).values(unique.map((country, position) => ({ projectId, country, position }))).run();
    },
    addMember(projectId: number, userId: number): void {
      db.insert(projectMembers).values({ projectId, userId }).onConflictDoNothing().run();
    },
    insertOutcome(values: typeof outcomes.$inferInsert): OutcomeRow {
      return db.insert(outcomes).values(values).returning().get();
    },
    updateOutcome(id: number, values: Partial<typeof outcomes.$inferInsert>, version: number): void {
      db.update(outcomes).set({ ...values, version: version + 1, updatedAt: new Date().toISOString() }).where(eq(outcomes.id, id)).run();
    },
    insertOutput(values: typeof outputs.$inferInsert): OutputRow {
      return db.insert(outputs).values(values).returning().get();
    },
    updateOutput(id: number, values: Partial<typeof outputs.$inferInsert>, version: number): void {
      db.update(outputs).set({ ...values, version: version + 1, updatedAt: new Date().toISOString() }).where(eq(outputs.id, id)).run();
    },
    insertIndicator(values: typeof indicators.$inferInsert): IndicatorRow {
      return db.insert(indicators).values(values).returning().get();
    },
    updateIndicator(id: number, values: Partial<typeof indicators.$inferInsert>, version: number): void {
      db.update(indicators).set({ ...values, version: version + 1, updatedAt: new Date().toISOString() }).where(eq(indicators.id, id)).run();
    },
    insertPeriod(values: typeof indicatorPeriods.$inferInsert): PeriodRow {
      return db.insert(indicatorPeriods).values(values).returning().get();
    },
    updatePeriod(id: number, values: Partial<typeof indicatorPeriods.$inferInsert>, version: number): void {
      db.update(indicatorPeriods).set({ ...values, version: version + 1, updatedAt: new Date().toISOString() }).where(eq(indicatorPeriods.id, id)).run();
    },
    valueOfPeriod(periodId: number): ValueRow | undefined {
      return db.select().from(indicatorValues).where(eq(indicatorValues.periodId, periodId)).get();
    },
    insertValue(values: typeof indicatorValues.$inferInsert): void {
      db.insert(indicatorValues).values(values).run();
    },
    insertLine(values: typeof budgetLines.$inferInsert): void {
      db.insert(budgetLines).values(values).run();
    },
    insertEntry(values: typeof expenditures.$inferInsert): void {
      db.insert(expenditures).values(values).run();
    },
  };
}
export type IatiRepository = ReturnType<typeof createIatiRepository>;
