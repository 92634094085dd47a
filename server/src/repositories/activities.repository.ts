import { asc, eq, max } from 'drizzle-orm';
import { reorder } from '../core/ordering';
import { first, single, type Db } from '../db/client';
import { activities } from '../db/schema';
import { updateVersioned } from './versioned';

export type ActivityRow = typeof activities.$inferSelect;
type ActivityInsert = typeof activities.$inferInsert;

/** The one place that writes activities: the activities feature, the results feature's moves and the seed. */
export function createActivitiesTable(db: Db) {
  return {
    insert: (values: ActivityInsert): Promise<ActivityRow> => single(db.insert(activities).values(values).returning()),
    updateVersioned: (id: number, version: number, values: Partial<ActivityInsert>) =>
      updateVersioned(db, activities, activities.id, id, version, values),
    setPosition: async (id: number, position: number) => {
      await db.update(activities).set({ position }).where(eq(activities.id, id));
    },
    delete: async (id: number) => {
      await db.delete(activities).where(eq(activities.id, id));
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
      for (const a of moving) {
        position += 1;
        // Read in this transaction a moment ago, so the version still matches.
        await updateVersioned(db, activities, activities.id, a.id, a.version, { outcomeId: toOutcomeId, position });
      }
      const left = await db
        .select({ id: activities.id, position: activities.position })
        .from(activities)
        .where(eq(activities.outcomeId, fromOutcomeId));
      for (const p of reorder(left, -1, 0)) await db.update(activities).set({ position: p.position }).where(eq(activities.id, p.id));
      return moving;
    },
  };
}
export type ActivitiesTable = ReturnType<typeof createActivitiesTable>;
