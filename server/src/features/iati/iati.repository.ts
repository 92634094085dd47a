import { and, asc, eq, inArray } from 'drizzle-orm';
import { first, type Db } from '../../db/client';
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
import { createIndicatorsTables, type IndicatorRow, type PeriodRow, type ValueRow } from '../../repositories/indicators.repository';
import { createMoneyTables, type EntryRow, type LineRow } from '../../repositories/money.repository';
import { createProjectsTable, type ProjectRow } from '../../repositories/projects.repository';
import { createResultsTables, type OutcomeRow, type OutputRow } from '../../repositories/results.repository';

export type { ProjectRow, OutcomeRow, OutputRow, IndicatorRow, PeriodRow, ValueRow, LineRow, EntryRow };

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
 * is a projection of storage, not of any one feature's API); an import writes through
 * each table's owner, in the caller's transaction.
 */
export function createIatiRepository(db: Db) {
  return {
    tables: {
      projects: createProjectsTable(db),
      results: createResultsTables(db),
      indicators: createIndicatorsTables(db),
      money: createMoneyTables(db),
    },
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

    valueOfPeriod(periodId: number): Promise<ValueRow | undefined> {
      return first(db.select().from(indicatorValues).where(eq(indicatorValues.periodId, periodId)));
    },
  };
}
export type IatiRepository = ReturnType<typeof createIatiRepository>;
