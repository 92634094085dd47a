import { eq } from 'drizzle-orm';
import { single, type Db } from '../db/client';
import { outcomes, outputs } from '../db/schema';
import { updateVersioned } from './versioned';

export type OutcomeRow = typeof outcomes.$inferSelect;
export type OutputRow = typeof outputs.$inferSelect;

/** The one place that writes outcomes and outputs: the results feature, the IATI import and the seed. */
export function createResultsTables(db: Db) {
  return {
    insertOutcome: (values: typeof outcomes.$inferInsert): Promise<OutcomeRow> => single(db.insert(outcomes).values(values).returning()),
    insertOutput: (values: typeof outputs.$inferInsert): Promise<OutputRow> => single(db.insert(outputs).values(values).returning()),
    updateOutcomeVersioned: (id: number, version: number, values: Partial<typeof outcomes.$inferInsert>) =>
      updateVersioned(db, outcomes, outcomes.id, id, version, values),
    updateOutputVersioned: (id: number, version: number, values: Partial<typeof outputs.$inferInsert>) =>
      updateVersioned(db, outputs, outputs.id, id, version, values),
    /** Position-only moves do not bump the sibling's version: nobody edited it. */
    setOutcomePosition: async (id: number, position: number) => {
      await db.update(outcomes).set({ position }).where(eq(outcomes.id, id));
    },
    setOutputPosition: async (id: number, position: number) => {
      await db.update(outputs).set({ position }).where(eq(outputs.id, id));
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
export type ResultsTables = ReturnType<typeof createResultsTables>;
