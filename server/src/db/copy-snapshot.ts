/** What a copy is checked by: rows per table and money per project, read from either side and compared. */
import { sql, type Column, type Table } from 'drizzle-orm';
import { engineOf, queryRows, type Db } from './client';
import { planCopy, schemaTablePairs, type PlannedTable } from './copy-plan';
import * as pgSchema from './schema/pg';
import * as sqliteSchema from './schema/sqlite';

/** Money of one project, summed exactly (bigint as decimal text). */
export type MoneyTotals = {
  budgetOriginal: string;
  budgetRevised: string;
  expenditureAmount: string;
  expenditureConverted: string;
};

/** What is compared between the source and the copy: rows per table, money per project (by id). */
export type Snapshot = { counts: Record<string, number>; money: Record<string, MoneyTotals> };

export const MONEY_FIELDS = ['budgetOriginal', 'budgetRevised', 'expenditureAmount', 'expenditureConverted'] as const;
const ZERO_TOTALS: MoneyTotals = { budgetOriginal: '0', budgetRevised: '0', expenditureAmount: '0', expenditureConverted: '0' };

/** Where two snapshots differ, one line each; empty when they agree. Sums compare as BigInt. */
export function compareSnapshots(source: Snapshot, target: Snapshot): string[] {
  const differences: string[] = [];
  for (const table of new Set([...Object.keys(source.counts), ...Object.keys(target.counts)])) {
    const s = source.counts[table];
    const t = target.counts[table];
    if (s !== t) differences.push(`${table}: ${s ?? 'no table'} rows in the source, ${t ?? 'no table'} in the target`);
  }
  for (const project of new Set([...Object.keys(source.money), ...Object.keys(target.money)])) {
    const s = source.money[project] ?? ZERO_TOTALS;
    const t = target.money[project] ?? ZERO_TOTALS;
    for (const field of MONEY_FIELDS) {
      if (BigInt(s[field]) !== BigInt(t[field])) {
        differences.push(`project ${project} ${field}: ${s[field]} in the source, ${t[field]} in the target`);
      }
    }
  }
  return differences;
}

/** Two columns of a table summed per project, by the database and read back as text: a JS number would round past 2^53. */
function sumsPerProject(db: Db, table: Table, project: Column, first: Column, second: Column) {
  return queryRows<{ project: number; total1: string; total2: string }>(
    db,
    sql`SELECT ${project} AS project, CAST(coalesce(sum(${first}), 0) AS TEXT) AS total1,
          CAST(coalesce(sum(${second}), 0) AS TEXT) AS total2
        FROM ${table} GROUP BY ${project}`,
  );
}

/** Rows per table and money per project (when the plan holds the budget and ledger) of either side, read with that side's own tables. */
export async function takeSnapshot(db: Db, plan: PlannedTable[] = planCopy(schemaTablePairs())): Promise<Snapshot> {
  const onSqlite = engineOf(db) === 'sqlite';
  const counts: Record<string, number> = {};
  for (const table of plan) {
    const [row] = await queryRows<{ n: number | string }>(db, sql`SELECT count(*) AS n FROM ${onSqlite ? table.source : table.target}`);
    counts[table.name] = Number(row?.n ?? 0);
  }
  const money: Record<string, MoneyTotals> = {};
  const totalsOf = (project: number | string) => (money[String(project)] ??= { ...ZERO_TOTALS });
  if (counts['budget_lines'] !== undefined) {
    const lines = onSqlite ? sqliteSchema.budgetLines : pgSchema.budgetLines;
    for (const row of await sumsPerProject(db, lines, lines.projectId, lines.originalMinor, lines.revisedMinor)) {
      Object.assign(totalsOf(row.project), { budgetOriginal: row.total1, budgetRevised: row.total2 });
    }
  }
  if (counts['expenditures'] !== undefined) {
    const ledger = onSqlite ? sqliteSchema.expenditures : pgSchema.expenditures;
    for (const row of await sumsPerProject(db, ledger, ledger.projectId, ledger.amountMinor, ledger.convertedMinor)) {
      Object.assign(totalsOf(row.project), { expenditureAmount: row.total1, expenditureConverted: row.total2 });
    }
  }
  return { counts, money };
}
