import { asc, count, eq, inArray, max, or } from 'drizzle-orm';
import type { Outcome, Output } from '@shared/schemas/results';
import { first, type Db } from '../../db/client';
import { activities, indicators, outcomes, outputs, projects } from '../../db/schema';
import { createActivitiesTable } from '../../repositories/activities.repository';
import { createResultsTables } from '../../repositories/results.repository';
import { outcomeCode, outputCode } from '@shared/calc/outline-codes';

type OutcomeRow = typeof outcomes.$inferSelect;
type OutputRow = typeof outputs.$inferSelect;

function toOutcome(row: OutcomeRow, code: string): Outcome {
  return {
    id: row.id,
    projectId: row.projectId,
    code,
    title: row.title,
    description: row.description,
    position: row.position,
    version: row.version,
  };
}

function toOutput(row: OutputRow, code: string): Output {
  return { ...toOutcome(row, code), outcomeId: row.outcomeId };
}

export function createResultsRepository(db: Db) {
  const tables = createResultsTables(db);
  const activitiesTable = createActivitiesTable(db);
  const outcomesOf = async (projectId: number) =>
    db.select().from(outcomes).where(eq(outcomes.projectId, projectId)).orderBy(asc(outcomes.position), asc(outcomes.id));
  const outputsOf = async (outcomeId: number) =>
    db.select().from(outputs).where(eq(outputs.outcomeId, outcomeId)).orderBy(asc(outputs.position), asc(outputs.id));

  async function codeOfOutcome(row: OutcomeRow): Promise<string> {
    return outcomeCode((await outcomesOf(row.projectId)).findIndex((o) => o.id === row.id));
  }

  return {
    outcomesOf,
    outputsOf,

    /** The framework of a project: outcomes with their outputs, coded. */
    async tree(projectId: number): Promise<(Outcome & { outputs: Output[] })[]> {
      const outs = await db.select().from(outputs).where(eq(outputs.projectId, projectId)).orderBy(asc(outputs.position), asc(outputs.id));
      return (await outcomesOf(projectId)).map((o, i) => {
        const code = outcomeCode(i);
        return {
          ...toOutcome(o, code),
          outputs: outs.filter((x) => x.outcomeId === o.id).map((x, j) => toOutput(x, outputCode(code, j))),
        };
      });
    },

    goalOf: async (projectId: number) =>
      (await first(db.select({ goal: projects.goal }).from(projects).where(eq(projects.id, projectId))))?.goal ?? '',

    findOutcomeRow: (id: number) => first(db.select().from(outcomes).where(eq(outcomes.id, id))),
    findOutputRow: (id: number) => first(db.select().from(outputs).where(eq(outputs.id, id))),

    async outcome(id: number): Promise<Outcome | undefined> {
      const row = await first(db.select().from(outcomes).where(eq(outcomes.id, id)));
      return row ? toOutcome(row, await codeOfOutcome(row)) : undefined;
    },

    async output(id: number): Promise<Output | undefined> {
      const row = await first(db.select().from(outputs).where(eq(outputs.id, id)));
      if (!row) return undefined;
      const parent = await first(db.select().from(outcomes).where(eq(outcomes.id, row.outcomeId)));
      const index = (await outputsOf(row.outcomeId)).findIndex((o) => o.id === id);
      return toOutput(row, outputCode(parent ? await codeOfOutcome(parent) : '?', index));
    },

    async nextOutcomePosition(projectId: number): Promise<number> {
      return (
        ((
          await first(
            db
              .select({ m: max(outcomes.position) })
              .from(outcomes)
              .where(eq(outcomes.projectId, projectId)),
          )
        )?.m ?? 0) + 1
      );
    },

    async nextOutputPosition(outcomeId: number): Promise<number> {
      return (
        ((
          await first(
            db
              .select({ m: max(outputs.position) })
              .from(outputs)
              .where(eq(outputs.outcomeId, outcomeId)),
          )
        )?.m ?? 0) + 1
      );
    },

    insertOutcome: async (values: typeof outcomes.$inferInsert) => (await tables.insertOutcome(values)).id,
    insertOutput: async (values: typeof outputs.$inferInsert) => (await tables.insertOutput(values)).id,
    updateOutcomeVersioned: tables.updateOutcomeVersioned,
    updateOutputVersioned: tables.updateOutputVersioned,
    setOutcomePosition: tables.setOutcomePosition,
    setOutputPosition: tables.setOutputPosition,

    async activityCount(by: { outcomeId: number } | { outputId: number }): Promise<number> {
      const where = 'outcomeId' in by ? eq(activities.outcomeId, by.outcomeId) : eq(activities.outputId, by.outputId);
      return Number((await first(db.select({ n: count() }).from(activities).where(where)))?.n ?? 0);
    },

    /** Indicators of an outcome (with those of its outputs) or of an output. */
    async indicatorCount(by: { outcomeId: number } | { outputId: number }): Promise<number> {
      const where =
        'outcomeId' in by
          ? or(
              eq(indicators.outcomeId, by.outcomeId),
              inArray(indicators.outputId, db.select({ id: outputs.id }).from(outputs).where(eq(outputs.outcomeId, by.outcomeId))),
            )
          : eq(indicators.outputId, by.outputId);
      return Number((await first(db.select({ n: count() }).from(indicators).where(where)))?.n ?? 0);
    },

    /** Activities are written by their own table's owner, results moves included. */
    moveActivitiesOfOutput: activitiesTable.moveActivitiesOfOutput,
    deleteOutputsOf: tables.deleteOutputsOf,
    deleteOutcome: tables.deleteOutcome,
    deleteOutput: tables.deleteOutput,
  };
}
export type ResultsRepository = ReturnType<typeof createResultsRepository>;
