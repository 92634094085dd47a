import { and, asc, count, eq, inArray, max, or } from 'drizzle-orm';
import type { Outcome, Output } from '@shared/schemas/results';
import { reorder } from '../../core/ordering';
import type { Db } from '../../db/client';
import { activities, indicators, outcomes, outputs, projects } from '../../db/schema';

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
  const outcomesOf = (projectId: number) =>
    db.select().from(outcomes).where(eq(outcomes.projectId, projectId)).orderBy(asc(outcomes.position), asc(outcomes.id)).all();
  const outputsOf = (outcomeId: number) =>
    db.select().from(outputs).where(eq(outputs.outcomeId, outcomeId)).orderBy(asc(outputs.position), asc(outputs.id)).all();

  /** Codes follow the framework: outcomes 1, 2, …; outputs 1.1, 1.2, … */
  function outcomeCode(row: OutcomeRow): string {
    return String(outcomesOf(row.projectId).findIndex((o) => o.id === row.id) + 1);
  }

  return {
    outcomesOf,
    outputsOf,

    /** The framework of a project: outcomes with their outputs, coded. */
    tree(projectId: number): (Outcome & { outputs: Output[] })[] {
      const outs = db
        .select()
        .from(outputs)
        .where(eq(outputs.projectId, projectId))
        .orderBy(asc(outputs.position), asc(outputs.id))
        .all();
      return outcomesOf(projectId).map((o, i) => {
        const code = String(i + 1);
        return {
          ...toOutcome(o, code),
          outputs: outs.filter((x) => x.outcomeId === o.id).map((x, j) => toOutput(x, `${code}.${j + 1}`)),
        };
      });
    },

    goalOf: (projectId: number) =>
      db.select({ goal: projects.goal }).from(projects).where(eq(projects.id, projectId)).get()?.goal ?? '',

    findOutcomeRow: (id: number) => db.select().from(outcomes).where(eq(outcomes.id, id)).get(),
    findOutputRow: (id: number) => db.select().from(outputs).where(eq(outputs.id, id)).get(),

    outcome(id: number): Outcome | undefined {
      const row = db.select().from(outcomes).where(eq(outcomes.id, id)).get();
      return row ? toOutcome(row, outcomeCode(row)) : undefined;
    },

    output(id: number): Output | undefined {
      const row = db.select().from(outputs).where(eq(outputs.id, id)).get();
      if (!row) return undefined;
      const parent = db.select().from(outcomes).where(eq(outcomes.id, row.outcomeId)).get();
      const index = outputsOf(row.outcomeId).findIndex((o) => o.id === id) + 1;
      return toOutput(row, `${parent ? outcomeCode(parent) : '?'}.${index}`);
    },

    nextOutcomePosition(projectId: number): number {
      return (db.select({ m: max(outcomes.position) }).from(outcomes).where(eq(outcomes.projectId, projectId)).get()?.m ?? 0) + 1;
    },

    nextOutputPosition(outcomeId: number): number {
      return (db.select({ m: max(outputs.position) }).from(outputs).where(eq(outputs.outcomeId, outcomeId)).get()?.m ?? 0) + 1;
    },

    insertOutcome: (values: typeof outcomes.$inferInsert) =>
      db.insert(outcomes).values(values).returning({ id: outcomes.id }).get().id,
    insertOutput: (values: typeof outputs.$inferInsert) =>
      db.insert(outputs).values(values).returning({ id: outputs.id }).get().id,

    updateOutcomeVersioned(id: number, version: number, values: Partial<typeof outcomes.$inferInsert>): boolean {
      return (
        db
          .update(outcomes)
          .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
          .where(and(eq(outcomes.id, id), eq(outcomes.version, version)))
          .run().changes === 1
      );
    },

    updateOutputVersioned(id: number, version: number, values: Partial<typeof outputs.$inferInsert>): boolean {
      return (
        db
          .update(outputs)
          .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
          .where(and(eq(outputs.id, id), eq(outputs.version, version)))
          .run().changes === 1
      );
    },

    /** Position-only moves do not bump the sibling's version: nobody edited it. */
    setOutcomePosition: (id: number, position: number) =>
      db.update(outcomes).set({ position }).where(eq(outcomes.id, id)).run(),
    setOutputPosition: (id: number, position: number) =>
      db.update(outputs).set({ position }).where(eq(outputs.id, id)).run(),

    activityCount(by: { outcomeId: number } | { outputId: number }): number {
      const where = 'outcomeId' in by ? eq(activities.outcomeId, by.outcomeId) : eq(activities.outputId, by.outputId);
      return db.select({ n: count() }).from(activities).where(where).get()?.n ?? 0;
    },

    /** Indicators of an outcome (with those of its outputs) or of an output. */
    indicatorCount(by: { outcomeId: number } | { outputId: number }): number {
      const where =
        'outcomeId' in by
          ? or(
              eq(indicators.outcomeId, by.outcomeId),
              inArray(indicators.outputId, db.select({ id: outputs.id }).from(outputs).where(eq(outputs.outcomeId, by.outcomeId))),
            )
          : eq(indicators.outputId, by.outputId);
      return db.select({ n: count() }).from(indicators).where(where).get()?.n ?? 0;
    },

    /**
     * Moves the activities of an output under another outcome: they go to the end of
     * that outcome's list, in their order, and the old outcome's list closes its gaps.
     * Returns what moved, for the audit log.
     */
    moveActivitiesOfOutput(outputId: number, fromOutcomeId: number, toOutcomeId: number): { id: number; version: number }[] {
      const moving = db
        .select({ id: activities.id, version: activities.version })
        .from(activities)
        .where(eq(activities.outputId, outputId))
        .orderBy(asc(activities.position), asc(activities.id))
        .all();
      let position = db.select({ m: max(activities.position) }).from(activities).where(eq(activities.outcomeId, toOutcomeId)).get()?.m ?? 0;
      const now = new Date().toISOString();
      for (const a of moving) {
        position += 1;
        db.update(activities)
          .set({ outcomeId: toOutcomeId, position, version: a.version + 1, updatedAt: now })
          .where(eq(activities.id, a.id))
          .run();
      }
      const left = db
        .select({ id: activities.id, position: activities.position })
        .from(activities)
        .where(eq(activities.outcomeId, fromOutcomeId))
        .all();
      for (const p of reorder(left, -1, 0)) db.update(activities).set({ position: p.position }).where(eq(activities.id, p.id)).run();
      return moving;
    },

    deleteOutputsOf: (outcomeId: number) => db.delete(outputs).where(eq(outputs.outcomeId, outcomeId)).run(),
    deleteOutcome: (id: number) => db.delete(outcomes).where(eq(outcomes.id, id)).run(),
    deleteOutput: (id: number) => db.delete(outputs).where(eq(outputs.id, id)).run(),
  };
}
export type ResultsRepository = ReturnType<typeof createResultsRepository>;
