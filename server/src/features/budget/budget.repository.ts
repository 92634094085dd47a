import { and, asc, count, desc, eq, ne } from 'drizzle-orm';
import { BUDGET_CATEGORIES, type BudgetCategory } from '@shared/calc/budget';
import { moneyFromMinor, type CurrencyCode } from '@shared/money';
import type { BudgetLine, BudgetLineRevision } from '@shared/schemas/budget';
import { first, type Db } from '../../db/client';
import { activities, budgetLineRevisions, budgetLines, budgetSettings, expenditures, outcomes, outputs, projects, users } from '../../db/schema';
import { createMoneyTables } from '../../repositories/money.repository';
import { updateVersioned } from '../../repositories/versioned';

type LineRow = typeof budgetLines.$inferSelect;
type LineInsert = typeof budgetLines.$inferInsert;

export const DEFAULT_TOLERANCE_BP = 1000;

export function toBudgetLine(row: LineRow): BudgetLine {
  const currency = row.currency as CurrencyCode;
  return {
    id: row.id,
    projectId: row.projectId,
    code: row.code,
    title: row.title,
    category: row.category as BudgetCategory,
    activityId: row.activityId,
    original: moneyFromMinor(row.originalMinor, currency),
    revised: row.revisedMinor === null ? null : moneyFromMinor(row.revisedMinor, currency),
    current: moneyFromMinor(row.revisedMinor ?? row.originalMinor, currency),
    notes: row.notes,
    illustrative: row.illustrative,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const categoryOrder = (c: string) => BUDGET_CATEGORIES.indexOf(c as BudgetCategory);

export function createBudgetRepository(db: Db) {
  const money = createMoneyTables(db);
  return {
    project: async (id: number) =>
      await first(
        db
          .select({
            id: projects.id,
            currency: projects.currency,
            budgetMinor: projects.budgetMinor,
            plannedStart: projects.plannedStart,
            plannedEnd: projects.plannedEnd,
            startYear: projects.startYear,
            endYear: projects.endYear,
          })
          .from(projects)
          .where(eq(projects.id, id)),
      ),

    activity: async (id: number) =>
      await first(db.select({ id: activities.id, projectId: activities.projectId }).from(activities).where(eq(activities.id, id))),

    /** Lines in report order: by category, then code, then when they were added. */
    async lineRows(projectId: number): Promise<LineRow[]> {
      return (
        await db.select().from(budgetLines).where(eq(budgetLines.projectId, projectId)).orderBy(asc(budgetLines.code), asc(budgetLines.id))
      ).sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category));
    },

    findLineRow: async (id: number) => await first(db.select().from(budgetLines).where(eq(budgetLines.id, id))),

    async codeTaken(projectId: number, code: string, exceptId?: number): Promise<boolean> {
      const where = [eq(budgetLines.projectId, projectId), eq(budgetLines.code, code)];
      if (exceptId !== undefined) where.push(ne(budgetLines.id, exceptId));
      return !!(await first(
        db
          .select({ id: budgetLines.id })
          .from(budgetLines)
          .where(and(...where)),
      ));
    },

    insertLine: async (values: LineInsert) => (await money.insertLine(values)).id,
    updateLineVersioned: money.updateLineVersioned,
    deleteLine: money.deleteLine,

    entryCountOfLine: async (id: number) =>
      (await first(db.select({ n: count() }).from(expenditures).where(eq(expenditures.budgetLineId, id))))?.n ?? 0,

    insertRevision: async (values: typeof budgetLineRevisions.$inferInsert) => {
      await db.insert(budgetLineRevisions).values(values);
    },

    async revisions(lineId: number): Promise<BudgetLineRevision[]> {
      return (
        await db
          .select({ r: budgetLineRevisions, userName: users.name })
          .from(budgetLineRevisions)
          .leftJoin(users, eq(users.id, budgetLineRevisions.userId))
          .where(eq(budgetLineRevisions.budgetLineId, lineId))
          .orderBy(desc(budgetLineRevisions.id))
      ).map(({ r, userName }) => ({
        id: r.id,
        budgetLineId: r.budgetLineId,
        budgetType: '2' as const,
        from: moneyFromMinor(r.fromMinor, r.currency as CurrencyCode),
        to: moneyFromMinor(r.toMinor, r.currency as CurrencyCode),
        reason: r.reason,
        user: r.userId !== null && userName !== null ? { id: r.userId, name: userName } : null,
        at: r.at,
      }));
    },

    async settings(projectId: number): Promise<{ toleranceBp: number; version: number }> {
      const row = await first(db.select().from(budgetSettings).where(eq(budgetSettings.projectId, projectId)));
      return row ? { toleranceBp: row.toleranceBp, version: row.version } : { toleranceBp: DEFAULT_TOLERANCE_BP, version: 1 };
    },

    /** Writes the settings if they are still at `version` (a missing row counts as version 1). */
    async saveSettings(projectId: number, version: number, toleranceBp: number): Promise<boolean> {
      const row = await first(db.select().from(budgetSettings).where(eq(budgetSettings.projectId, projectId)));
      const updatedAt = new Date().toISOString();
      if (!row) {
        if (version !== 1) return false;
        await db.insert(budgetSettings).values({ projectId, toleranceBp, version: 2, updatedAt });
        return true;
      }
      return updateVersioned(db, budgetSettings, budgetSettings.projectId, projectId, version, { toleranceBp });
    },

    // The analysis reads each table once.
    activities: async (projectId: number) =>
      await db
        .select({
          id: activities.id,
          outcomeId: activities.outcomeId,
          outputId: activities.outputId,
          title: activities.title,
          status: activities.status,
          percentComplete: activities.percentComplete,
          plannedStart: activities.plannedStart,
          plannedEnd: activities.plannedEnd,
        })
        .from(activities)
        .innerJoin(outcomes, eq(outcomes.id, activities.outcomeId))
        .where(eq(activities.projectId, projectId))
        .orderBy(asc(outcomes.position), asc(activities.position), asc(activities.id)),

    outcomes: async (projectId: number) =>
      await db
        .select({ id: outcomes.id, title: outcomes.title })
        .from(outcomes)
        .where(eq(outcomes.projectId, projectId))
        .orderBy(asc(outcomes.position), asc(outcomes.id)),

    outputs: async (projectId: number) =>
      await db
        .select({ id: outputs.id, outcomeId: outputs.outcomeId, title: outputs.title })
        .from(outputs)
        .where(eq(outputs.projectId, projectId))
        .orderBy(asc(outputs.position), asc(outputs.id)),

    entries: async (projectId: number) =>
      await db
        .select({
          id: expenditures.id,
          budgetLineId: expenditures.budgetLineId,
          activityId: expenditures.activityId,
          type: expenditures.type,
          date: expenditures.date,
          amountMinor: expenditures.convertedMinor,
          currency: expenditures.convertedCurrency,
          illustrative: expenditures.illustrative,
        })
        .from(expenditures)
        .where(eq(expenditures.projectId, projectId))
        .orderBy(asc(expenditures.date), asc(expenditures.id)),
  };
}
export type BudgetRepository = ReturnType<typeof createBudgetRepository>;
