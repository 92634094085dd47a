import { eq } from 'drizzle-orm';
import { single, type Db } from '../db/client';
import { indicatorPeriods, indicators, indicatorValues } from '../db/schema';
import { updateVersioned } from './versioned';

export type IndicatorRow = typeof indicators.$inferSelect;
export type PeriodRow = typeof indicatorPeriods.$inferSelect;
export type ValueRow = typeof indicatorValues.$inferSelect;

/** The one place that writes indicators, their periods and values: the indicators feature, the IATI import and the seed. */
export function createIndicatorsTables(db: Db) {
  return {
    insertIndicator: (values: typeof indicators.$inferInsert): Promise<IndicatorRow> => single(db.insert(indicators).values(values).returning()),
    updateIndicatorVersioned: (id: number, version: number, values: Partial<typeof indicators.$inferInsert>) =>
      updateVersioned(db, indicators, indicators.id, id, version, values),
    setIndicatorPosition: async (id: number, position: number) => {
      await db.update(indicators).set({ position }).where(eq(indicators.id, id));
    },
    deleteIndicator: async (id: number) => {
      await db.delete(indicators).where(eq(indicators.id, id));
    },
    insertPeriod: (values: typeof indicatorPeriods.$inferInsert): Promise<PeriodRow> =>
      single(db.insert(indicatorPeriods).values(values).returning()),
    updatePeriodVersioned: (id: number, version: number, values: Partial<typeof indicatorPeriods.$inferInsert>) =>
      updateVersioned(db, indicatorPeriods, indicatorPeriods.id, id, version, values),
    deletePeriod: async (id: number) => {
      await db.delete(indicatorPeriods).where(eq(indicatorPeriods.id, id));
    },
    insertValue: (values: typeof indicatorValues.$inferInsert): Promise<ValueRow> => single(db.insert(indicatorValues).values(values).returning()),
    updateValueVersioned: (id: number, version: number, values: Partial<typeof indicatorValues.$inferInsert>) =>
      updateVersioned(db, indicatorValues, indicatorValues.id, id, version, values),
    deleteValue: async (id: number) => {
      await db.delete(indicatorValues).where(eq(indicatorValues.id, id));
    },
  };
}
export type IndicatorsTables = ReturnType<typeof createIndicatorsTables>;
