/** Which tables a copy fills, in which order, column by column: both descriptions of the schema paired. */
import { getTableColumns, getTableName, is, type Column } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
// Each side's own description of the tables, never the switching ./schema: this process
// reads SQLite and writes PostgreSQL whichever engine DATABASE_URL names.
import * as pgSchema from './schema/pg';
import * as sqliteSchema from './schema/sqlite';

/** One table in both descriptions. */
export type TablePair = { source: SQLiteTable; target: PgTable };

export type ColumnPair = { name: string; sourceKey: string; targetKey: string; source: Column; target: Column; nullable: boolean };

export type PlannedTable = {
  name: string;
  source: SQLiteTable;
  target: PgTable;
  columns: ColumnPair[];
  /** The primary key, in order: rows are read in key order, a chunk at a time. */
  key: ColumnPair[];
  /** Columns that point at the table itself: written empty, then set once every row of the table is in. */
  deferred: ColumnPair[];
  /** Identity columns: their sequences must move past the copied values. */
  identity: string[];
};

/** Every table of the schema, paired by name; throws when the two descriptions hold different tables. */
export function schemaTablePairs(): TablePair[] {
  const sources = new Map(
    Object.values(sqliteSchema as Record<string, unknown>)
      .filter((v): v is SQLiteTable => is(v, SQLiteTable))
      .map((t) => [getTableName(t), t]),
  );
  const pairs: TablePair[] = [];
  for (const target of Object.values(pgSchema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable))) {
    const source = sources.get(getTableName(target));
    if (!source) throw new Error(`Table ${getTableName(target)} has no SQLite description`);
    sources.delete(getTableName(target));
    pairs.push({ source, target });
  }
  if (sources.size > 0) throw new Error(`Tables without a PostgreSQL description: ${[...sources.keys()].join(', ')}`);
  return pairs;
}

function columnPairs(pair: TablePair): ColumnPair[] {
  const name = getTableName(pair.target);
  const sources = new Map(Object.entries(getTableColumns(pair.source)).map(([key, column]) => [column.name, { key, column }]));
  const columns = Object.entries(getTableColumns(pair.target)).map(([targetKey, target]): ColumnPair => {
    const source = sources.get(target.name);
    if (!source) throw new Error(`Column ${name}.${target.name} has no SQLite description`);
    sources.delete(target.name);
    return { name: target.name, sourceKey: source.key, targetKey, source: source.column, target, nullable: !target.notNull };
  });
  if (sources.size > 0) throw new Error(`Columns of ${name} without a PostgreSQL description: ${[...sources.keys()].join(', ')}`);
  return columns;
}

/**
 * The tables in the order they can be filled: every table after the tables its foreign
 * keys point at. A column pointing at its own table is deferred (it must be nullable);
 * a loop through several tables is refused, naming them, since no order fills it.
 */
export function planCopy(pairs: TablePair[]): PlannedTable[] {
  const byName = new Map<string, PlannedTable & { parents: Set<string> }>();
  for (const pair of pairs) {
    const name = getTableName(pair.target);
    const config = getPgTableConfig(pair.target);
    const columns = columnPairs(pair);
    const column = (n: string) => {
      const found = columns.find((c) => c.name === n);
      if (!found) throw new Error(`No column ${name}.${n}`);
      return found;
    };
    const keyNames = config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
    if (keyNames.length === 0) throw new Error(`Table ${name} has no primary key to read it in order by`);
    const parents = new Set<string>();
    const deferred: ColumnPair[] = [];
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const parent = getTableName(ref.foreignTable);
      if (parent !== name) {
        parents.add(parent);
        continue;
      }
      for (const c of ref.columns) {
        const pairOf = column(c.name);
        if (!pairOf.nullable) throw new Error(`${name}.${c.name} points at its own table and cannot be empty: no order copies it`);
        deferred.push(pairOf);
      }
    }
    const identity = config.columns.filter((c) => c.generatedIdentity !== undefined).map((c) => c.name);
    byName.set(name, { name, source: pair.source, target: pair.target, columns, key: keyNames.map(column), deferred, identity, parents });
  }
  const ordered: PlannedTable[] = [];
  const placed = new Set<string>();
  while (ordered.length < byName.size) {
    const ready = [...byName.values()].filter((t) => !placed.has(t.name) && [...t.parents].every((p) => placed.has(p) || !byName.has(p)));
    if (ready.length === 0) {
      const left = [...byName.keys()].filter((n) => !placed.has(n));
      throw new Error(`Foreign keys loop through ${left.join(', ')}: no order copies them`);
    }
    for (const { parents: _parents, ...table } of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
  }
  return ordered;
}
