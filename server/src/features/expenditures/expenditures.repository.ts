import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { moneyFromMinor, type CurrencyCode } from '@shared/money';
import { IATI_TRANSACTION_TYPE } from '@shared/schemas/budget';
import type { Expenditure, ExpenditureEvidence, ListExpendituresQuery } from '@shared/schemas/budget-ledger';
import { single, first, type Db } from '../../db/client';
import { activities, budgetLines, expenditureFiles, expenditures, projects, users } from '../../db/schema';
import { createMoneyTables } from '../../repositories/money.repository';

type EntryRow = typeof expenditures.$inferSelect;
export type EntryInsert = typeof expenditures.$inferInsert;
export type EvidenceRow = typeof expenditureFiles.$inferSelect;

export const DEFAULT_PAGE_SIZE = 50;

export function toExpenditure(row: EntryRow, evidence: ExpenditureEvidence[] = []): Expenditure {
  return {
    id: row.id,
    projectId: row.projectId,
    type: row.type,
    iatiTransactionType: IATI_TRANSACTION_TYPE[row.type],
    date: row.date,
    amount: moneyFromMinor(row.amountMinor, row.currency as CurrencyCode),
    fxRate: row.fxRate,
    converted: moneyFromMinor(row.convertedMinor, row.convertedCurrency as CurrencyCode),
    budgetLineId: row.budgetLineId,
    activityId: row.activityId,
    payee: row.payee,
    reference: row.reference,
    description: row.description,
    correction: row.correction,
    illustrative: row.illustrative,
    evidence,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** LIKE pattern for a literal substring (%, _ and \ escaped). */
/** Where a sum of amounts is cut in two (see list). */
const SPLIT = 1_000_000_000;
const contains = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createExpendituresRepository(db: Db) {
  const money = createMoneyTables(db);
  /** Evidence of many entries in one query, by entry id. */
  async function evidenceOf(entryIds: number[]): Promise<Map<number, ExpenditureEvidence[]>> {
    const byEntry = new Map<number, ExpenditureEvidence[]>();
    if (entryIds.length === 0) return byEntry;
    const rows = await db
      .select({ f: expenditureFiles, userName: users.name })
      .from(expenditureFiles)
      .leftJoin(users, eq(users.id, expenditureFiles.uploadedBy))
      .where(inArray(expenditureFiles.expenditureId, entryIds))
      .orderBy(asc(expenditureFiles.id));
    for (const { f, userName } of rows) {
      const list = byEntry.get(f.expenditureId) ?? [];
      list.push(describe(f, userName));
      byEntry.set(f.expenditureId, list);
    }
    return byEntry;
  }

  function describe(f: EvidenceRow, userName: string | null): ExpenditureEvidence {
    return {
      id: f.id,
      expenditureId: f.expenditureId,
      fileName: f.fileName,
      mediaType: f.mediaType as ExpenditureEvidence['mediaType'],
      size: f.size,
      uploadedBy: f.uploadedBy !== null && userName !== null ? { id: f.uploadedBy, name: userName } : null,
      uploadedAt: f.uploadedAt,
    };
  }

  return {
    project: async (id: number) => await first(db.select({ id: projects.id, currency: projects.currency }).from(projects).where(eq(projects.id, id))),

    /** The project's lines and activities, for checking the references of many rows at once. */
    async references(projectId: number) {
      const lines = await db.select({ id: budgetLines.id, code: budgetLines.code }).from(budgetLines).where(eq(budgetLines.projectId, projectId));
      const acts = await db.select({ id: activities.id }).from(activities).where(eq(activities.projectId, projectId));
      return {
        lineIds: new Set(lines.map((l) => l.id)),
        lineByCode: new Map(lines.filter((l) => l.code !== '').map((l) => [l.code, l.id])),
        activityIds: new Set(acts.map((a) => a.id)),
      };
    },

    async list(projectId: number, query: ListExpendituresQuery) {
      const where: SQL[] = [eq(expenditures.projectId, projectId)];
      if (query.type) where.push(eq(expenditures.type, query.type));
      if (query.budgetLineId !== undefined) where.push(eq(expenditures.budgetLineId, query.budgetLineId));
      if (query.noBudgetLine) where.push(isNull(expenditures.budgetLineId));
      if (query.activityId !== undefined) where.push(eq(expenditures.activityId, query.activityId));
      if (query.currency) where.push(eq(expenditures.currency, query.currency));
      if (query.correction !== undefined) where.push(eq(expenditures.correction, query.correction));
      if (query.from) where.push(gte(expenditures.date, query.from));
      if (query.to) where.push(lte(expenditures.date, query.to));
      if (query.category) {
        where.push(
          sql`${expenditures.budgetLineId} IN (SELECT ${budgetLines.id} FROM ${budgetLines} WHERE ${budgetLines.category} = ${query.category})`,
        );
      }
      if (query.q) {
        const pattern = contains(query.q);
        const clause = or(
          sql`${expenditures.payee} LIKE ${pattern} ESCAPE '\\'`,
          sql`${expenditures.reference} LIKE ${pattern} ESCAPE '\\'`,
          sql`${expenditures.description} LIKE ${pattern} ESCAPE '\\'`,
        );
        if (clause) where.push(clause);
      }
      const filter = and(...where);
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
      const rows = await db
        .select()
        .from(expenditures)
        .where(filter)
        .orderBy(desc(expenditures.date), desc(expenditures.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      const evidence = await evidenceOf(rows.map((r) => r.id));
      const items = rows.map((r) => toExpenditure(r, evidence.get(r.id)));
      const total = (await first(db.select({ n: count() }).from(expenditures).where(filter)))?.n ?? 0;
      // SQLite's sum() fails on a 64-bit overflow and a large total loses digits as a double,
      // so the amounts are summed in two parts, billions and the rest, each far from either
      // limit, and put together exactly.
      const sums = await db
        .select({
          type: expenditures.type,
          high: sql<number>`coalesce(sum(${expenditures.convertedMinor} / ${sql.raw(String(SPLIT))}), 0)`,
          low: sql<number>`coalesce(sum(${expenditures.convertedMinor} % ${sql.raw(String(SPLIT))}), 0)`,
        })
        .from(expenditures)
        .where(filter)
        .groupBy(expenditures.type);
      const sumOf = (type: 'commitment' | 'expenditure') => {
        const s = sums.find((x) => x.type === type);
        return s ? BigInt(s.high) * BigInt(SPLIT) + BigInt(s.low) : 0n;
      };
      return { items, total, page, pageSize, committedMinor: sumOf('commitment'), spentMinor: sumOf('expenditure') };
    },

    async find(id: number): Promise<Expenditure | undefined> {
      const row = await first(db.select().from(expenditures).where(eq(expenditures.id, id)));
      return row ? toExpenditure(row, (await evidenceOf([row.id])).get(row.id)) : undefined;
    },

    insert: async (values: EntryInsert) => (await money.insertEntry(values)).id,
    updateVersioned: money.updateEntryVersioned,
    delete: money.deleteEntry,

    findEvidenceRow: async (id: number) => await first(db.select().from(expenditureFiles).where(eq(expenditureFiles.id, id))),
    async describeEvidence(row: EvidenceRow): Promise<ExpenditureEvidence> {
      const name =
        row.uploadedBy === null
          ? null
          : ((await first(db.select({ name: users.name }).from(users).where(eq(users.id, row.uploadedBy))))?.name ?? null);
      return describe(row, name);
    },
    insertEvidence: async (values: typeof expenditureFiles.$inferInsert) => await single(db.insert(expenditureFiles).values(values).returning()),
    deleteEvidence: async (id: number) => {
      await db.delete(expenditureFiles).where(eq(expenditureFiles.id, id));
    },
    storedNamesOf: async (entryId: number) =>
      (await db.select({ storedName: expenditureFiles.storedName }).from(expenditureFiles).where(eq(expenditureFiles.expenditureId, entryId))).map(
        (r) => r.storedName,
      ),
  };
}
export type ExpendituresRepository = ReturnType<typeof createExpendituresRepository>;
