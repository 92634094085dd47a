import { and, asc, count, eq, inArray, max, or } from 'drizzle-orm';
import type { Outcome, Output } from '@shared/schemas/results';
import { reorder } from '../../core/ordering';
import { first, type Db } from '../../db/client';
import { activities, indicators, outcomes, outputs, projects } from '../../db/schema';
import { updateVersioned } from '../../repositories/versioned';

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
  const outcomesOf = async (projectId: number) =>
    db.select().from(outcomes).where(eq(outcomes.projectId, projectId)).orderBy(asc(outcomes.position), asc(outcomes.id));
  const outputsOf = async (outcomeId: number) =>
    db.select().from(outputs).where(eq(outputs.outcomeId, outcomeId)).orderBy(asc(outputs.position), asc(outputs.id));

  /** Codes follow the framework: outcomes 1, 2, …; outputs 1.1, 1.2, … */
  async function outcomeCode(row: OutcomeRow): Promise<string> {
    return String((await outcomesOf(row.projectId)).findIndex((o) => o.id === row.id) + 1);
  }

  return {
    outcomesOf,
    outputsOf,

    /** The framework of a project: outcomes with their outputs, coded. */
    async tree(projectId: number): Promise<(Outcome & { outputs: Output[] })[]> {
      const outs = await db.select().from(outputs).where(eq(outputs.projectId, projectId)).orderBy(asc(outputs.position), asc(outputs.id));
      return (await outcomesOf(projectId)).map((o, i) => {
        const code = String(i + 1);
        return {
          ...toOutcome(o, code),
          outputs: outs.filter((x) => x.outcomeId === o.id).map((x, j) => toOutput(x, `${code}.${j + 1}`)),
        };
      });
    },

    goalOf: async (projectId: number) =>
      (await first(db.select({ goal: projects.goal }).from(projects).where(eq(projects.id, projectId))))?.goal ?? '',

    findOutcomeRow: (id: number) => first(db.select().from(outcomes).where(eq(outcomes.id, id))),
    findOutputRow: (id: number) => first(db.select().from(outputs).where(eq(outputs.id, id))),

    async outcome(id: number): Promise<Outcome | undefined> {
      const row = await first(db.select().from(outcomes).where(eq(outcomes.id, id)));
      return row ? toOutcome(row, await outcomeCode(row)) : undefined;
    },

    async output(id: number): Promise<Output | undefined> {
      const row = await first(db.select().from(outputs).where(eq(outputs.id, id)));
      if (!row) return undefined;
      const parent = await first(db.select().from(outcomes).where(eq(outcomes.id, row.outcomeId)));
      const index = (await outputsOf(row.outcomeId)).findIndex((o) => o.id === id) + 1;
      return toOutput(row, `${parent ? await outcomeCode(parent) : '?'}.${index}`);
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

    insertOutcome: async (values: typeof outcomes.$inferInsert) => (await db.insert(outcomes).values(values).returning({ id: outcomes.id }))[0]!.id,
    insertOutput: async (values: typeof outputs.$inferInsert) => (await db.insert(outputs).values(values).returning({ id: outputs.id }))[0]!.id,

    async updateOutcomeVersioned(id: number, version: number, values: Partial<typeof outcomes.$inferInsert>): Promise<boolean> {
      return updateVersioned(db, outcomes, outcomes.id, id, version, values);
    },

    async updateOutputVersioned(id: number, version: number, values: Partial<typeof outputs.$inferInsert>): Promise<boolean> {
      return updateVersioned(db, outputs, outputs.id, id, version, values);
    },

    /** Position-only moves do not bump the sibling's version: nobody edited it. */
    setOutcomePosition: async (id: number, position: number) => {
      await db.update(outcomes).set({ position }).where(eq(outcomes.id, id));
    },
    setOutputPosition: async (id: number, position: number) => {
      await db.update(outputs).set({ position }).where(eq(outputs.id, id));
    },

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

    /**
     * Moves the activities of an output under another outcome: they go to the end of
     * that outcome's list, in their order, and the old outcome's list closes its gaps.
     * Returns what moved, for the audit log.
     */
    async moveActivitiesOfOutput(outputId: number, fromOutcomeId: number, toOutcomeId: number): Promise<{ id: number; version: number }[]> {
      const moving = await db
        .select({ id: activities.id, version: activities.version })
        .from(activities)
        .where(eq(activities.outputId, outputId))
        .orderBy(asc(activities.position), asc(activities.id));
      let position =
        (
          await first(
            db
              .select({ m: max(activities.position) })
              .from(activities)
              .where(eq(activities.outcomeId, toOutcomeId)),
          )
        )?.m ?? 0;
      const now = new Date().toISOString();
      for (const a of moving) {
        position += 1;
        await db
          .update(activities)
          .set({ outcomeId: toOutcomeId, position, version: a.version + 1, updatedAt: now })
          .where(eq(activities.id, a.id));
      }
      const left = await db
        .select({ id: activities.id, position: activities.position })
        .from(activities)
        .where(eq(activities.outcomeId, fromOutcomeId));
      for (const p of reorder(left, -1, 0)) await db.update(activities).set({ position: p.position }).where(eq(activities.id, p.id));
      return moving;
    },

    deleteOutputsOf: async (outcomeId: number) => {
      await db.delete(outputs).where(eq(outputs.outcomeId, outcomeId));
    },
    deleteOutcome: async (id: number) => {
      await db.delete(outcomes).where(eq(outcomes.id, id));
    },
    deleteOutput: async (id: number) => {
      await db.delete(outputs).where(eq(outputs.id, id));
    },
  };
}
export type ResultsRepository = ReturnType<typeof createResultsRepository>;
