import { getTableColumns, is, SQL, sql, type Column } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  json,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  type ExtraConfigColumn,
  type PgColumn,
  type PgColumnBuilderBase,
  type PgTableExtraConfigValue,
  type PgTableWithColumns,
} from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * The time as the SQLite schema's default writes it and as `Date#toISOString` does
 * (2024-05-01T09:30:00.123Z), so rows look the same whichever engine or code path set
 * it. statement_timestamp(), not now(): SQLite's 'now' moves on within a transaction.
 */
export const isoNow = sql`to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** SQLite's ISO-time default, which becomes `isoNow`. */
const SQLITE_ISO_NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

/**
 * bytea as a Buffer, as SQLite's blob column gives it. The pg driver reads bytea as a
 * Buffer already; PGlite gives a Uint8Array, wrapped here without a copy.
 */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/**
 * Integers that pass 2^31 are 64-bit on PostgreSQL: money in minor units, byte sizes, and
 * the epoch milliseconds SQLite keeps in integer `…_at` / `…_until` columns. Other integers
 * stay 32-bit.
 */
function isWide(name: string): boolean {
  return name === 'size' || /_(minor|at|until)$/.test(name);
}

/** The PostgreSQL column for a SQLite one: the same name, nullability, default and key. */
function pgColumn(column: SQLiteColumn): PgColumnBuilderBase {
  const name = column.name;
  if (column.columnType === 'SQLiteInteger' && column.primary && 'autoIncrement' in column && column.autoIncrement) {
    return integer(name).primaryKey().generatedByDefaultAsIdentity();
  }
  const built = baseColumn(column);
  if (column.notNull) built.notNull();
  if (column.primary) built.primaryKey();
  if (column.isUnique) built.unique(column.uniqueName);
  if (column.hasDefault && column.default !== undefined) built.default(pgDefault(column.default));
  return built;
}

type AnyPgBuilder = PgColumnBuilderBase & {
  notNull(): unknown;
  primaryKey(): unknown;
  unique(name?: string): unknown;
  default(value: unknown): unknown;
};

function baseColumn(column: SQLiteColumn): AnyPgBuilder {
  const name = column.name;
  const enumValues = column.enumValues && column.enumValues.length > 0 ? { enum: column.enumValues as [string, ...string[]] } : {};
  switch (column.columnType) {
    case 'SQLiteInteger':
      return isWide(name) ? bigint(name, { mode: 'number' }) : integer(name);
    case 'SQLiteBoolean':
      return boolean(name);
    case 'SQLiteReal':
      return doublePrecision(name);
    case 'SQLiteText':
      return text(name, enumValues);
    case 'SQLiteTextJson':
      return json(name);
    case 'SQLiteBlobBuffer':
      return bytea(name);
    default:
      throw new Error(`No PostgreSQL type for the SQLite column ${name} (${column.columnType})`);
  }
}

function pgDefault(value: unknown): unknown {
  if (!is(value, SQL)) return value;
  const chunks = value.queryChunks;
  const textOf = chunks.map((c) => (typeof c === 'object' && c !== null && 'value' in c ? (c.value as string[]).join('') : '')).join('');
  return textOf === SQLITE_ISO_NOW ? isoNow : value;
}

/** A PostgreSQL column typed as its SQLite twin, so queries infer the same rows. */
type TwinColumn<C extends Column> = PgColumn<{
  name: C['_']['name'];
  tableName: C['_']['tableName'];
  dataType: C['_']['dataType'];
  columnType: string;
  data: C['_']['data'];
  driverParam: unknown;
  notNull: C['_']['notNull'];
  hasDefault: C['_']['hasDefault'];
  isPrimaryKey: C['_']['isPrimaryKey'];
  isAutoincrement: C['_']['isAutoincrement'];
  hasRuntimeDefault: C['_']['hasRuntimeDefault'];
  enumValues: C['_']['enumValues'];
  baseColumn: never;
  identity: undefined;
  generated: undefined;
}>;

export type PgTwin<T extends SQLiteTable> = PgTableWithColumns<{
  name: T['_']['name'];
  schema: undefined;
  dialect: 'pg';
  columns: { [K in keyof T['_']['columns']]: TwinColumn<T['_']['columns'][K]> };
}>;

const twins = new Map<SQLiteTable, PgTableWithColumns<never>>();

/**
 * The PostgreSQL table described by a SQLite one (decision 020): the SQLite schema is the one
 * description, and this builds the other engine's from it, columns, keys, indexes, foreign keys
 * and checks alike. A table built once is reused, so foreign keys meet the same twin.
 */
export function pgTwin<T extends SQLiteTable>(table: T): PgTwin<T> {
  const known = twins.get(table);
  if (known) return known as unknown as PgTwin<T>;
  const config = getTableConfig(table);
  const entries = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const keyOf = new Map(entries.map(([key, column]) => [column.name, key]));
  const columns = Object.fromEntries(entries.map(([key, column]) => [key, pgColumn(column)]));

  const extra = (t: Record<string, ExtraConfigColumn>): PgTableExtraConfigValue[] => {
    const own = (column: { name: string }) => {
      const found = t[keyOf.get(column.name) ?? ''];
      if (!found) throw new Error(`Column ${column.name} is not in ${config.name}`);
      return found;
    };
    const indexed = (c: unknown) => (is(c, SQL) ? c : own(c as SQLiteColumn));
    return [
      ...config.primaryKeys.map((pk) => primaryKey({ columns: pk.columns.map(own) as [ExtraConfigColumn, ...ExtraConfigColumn[]] })),
      ...config.uniqueConstraints.map((u) => unique(u.name).on(...(u.columns.map(own) as [ExtraConfigColumn, ...ExtraConfigColumn[]]))),
      ...config.indexes.map(({ config: i }) => {
        const built = (i.unique ? uniqueIndex : index)(i.name).on(
          ...(i.columns.map(indexed) as [ExtraConfigColumn | SQL, ...(ExtraConfigColumn | SQL)[]]),
        );
        return i.where ? built.where(i.where) : built;
      }),
      ...config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        const target = pgTwin(ref.foreignTable) as unknown as Record<string, PgColumn>;
        const targetKeys = new Map(Object.entries(getTableColumns(ref.foreignTable)).map(([key, c]) => [c.name, key]));
        const built = foreignKey({
          name: foreignKeyName(fk.getName(), config.name, ref.columns),
          columns: ref.columns.map(own) as unknown as [PgColumn, ...PgColumn[]],
          foreignColumns: ref.foreignColumns.map((c) => target[targetKeys.get(c.name) ?? '']) as [PgColumn, ...PgColumn[]],
        });
        if (fk.onDelete) built.onDelete(fk.onDelete);
        if (fk.onUpdate) built.onUpdate(fk.onUpdate);
        return built;
      }),
      ...config.checks.map((c) => check(c.name, c.value)),
    ];
  };

  const built = pgTable(config.name, columns, extra as never) as unknown as PgTableWithColumns<never>;
  twins.set(table, built);
  return built as unknown as PgTwin<T>;
}

/** PostgreSQL cuts names at 63 bytes; a longer default name becomes `<table>_<columns>_fk`. */
const MAX_NAME = 63;

function foreignKeyName(name: string, table: string, columns: { name: string }[]): string {
  return name.length <= MAX_NAME ? name : `${table}_${columns.map((c) => c.name).join('_')}_fk`;
}

type SqliteTablesOf<M> = { [K in keyof M as M[K] extends SQLiteTable ? K : never]: M[K] extends SQLiteTable ? PgTwin<M[K]> : never };

/** The twins of every table a SQLite schema module exports, under the same names. */
export function pgTwins<M extends Record<string, unknown>>(module: M): SqliteTablesOf<M> {
  return Object.fromEntries(
    Object.entries(module)
      .filter((entry): entry is [string, SQLiteTable] => is(entry[1], SQLiteTable))
      .map(([name, table]) => [name, pgTwin(table)]),
  ) as SqliteTablesOf<M>;
}
