import { eq } from 'drizzle-orm';
import { single, type Db } from '../db/client';
import { budgetLines, expenditures } from '../db/schema';
import { updateVersioned } from './versioned';

export type LineRow = typeof budgetLines.$inferSelect;
export type EntryRow = typeof expenditures.$inferSelect;

/** The one place that writes budget lines and ledger entries: the budget and expenditures features, the IATI import and the seed. */
export function createMoneyTables(db: Db) {
  return {
    insertLine: (values: typeof budgetLines.$inferInsert): Promise<LineRow> => single(db.insert(budgetLines).values(values).returning()),
    updateLineVersioned: (id: number, version: number, values: Partial<typeof budgetLines.$inferInsert>) =>
      updateVersioned(db, budgetLines, budgetLines.id, id, version, values),
    deleteLine: async (id: number) => {
      await db.delete(budgetLines).where(eq(budgetLines.id, id));
    },
    insertEntry: (values: typeof expenditures.$inferInsert): Promise<EntryRow> => single(db.insert(expenditures).values(values).returning()),
    updateEntryVersioned: (id: number, version: number, values: Partial<typeof expenditures.$inferInsert>) =>
      updateVersioned(db, expenditures, expenditures.id, id, version, values),
    deleteEntry: async (id: number) => {
      await db.delete(expenditures).where(eq(expenditures.id, id));
    },
  };
}
export type MoneyTables = ReturnType<typeof createMoneyTables>;
