import { getTableName, is, SQL } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * The shape of a table as the app sees it, the same for either engine: the SQLite and the
 * PostgreSQL descriptions of the schema are reduced to this and compared.
 */
export type TypeClass = 'integer' | 'boolean' | 'text' | 'real' | 'json' | 'blob' | `other:${string}`;

export type ColumnShape = {
  type: TypeClass;
  notNull: boolean;
  /** What the default means ('now as ISO text', a literal as JSON, or the SQL), null when none. */
  default: string | null;
  /** An id the database assigns when an insert leaves it out, and that an insert may still give. */
  generatedId: boolean;
  enumValues: string[] | null;
};

export type IndexShape = { columns: string[]; unique: boolean; where: string | null };
export type ForeignKeyShape = { onDelete: string; onUpdate: string };

export type TableShape = {
  name: string;
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** Every set of columns kept unique, by a column, a constraint or a unique index. */
  uniqueKeys: string[];
  indexes: Record<string, IndexShape>;
  /** Keyed by "columns -> table(columns)". */
  foreignKeys: Record<string, ForeignKeyShape>;
  checks: Record<string, string>;
};

// Column classes by the JS value they give: a PostgreSQL type joins a class only when
// drizzle hands the repositories the same kind of value as the SQLite column does.
const TYPE_CLASSES: Record<string, TypeClass> = {
  SQLiteInteger: 'integer',
  PgInteger: 'integer',
  PgBigInt53: 'integer',
  SQLiteBoolean: 'boolean',
  PgBoolean: 'boolean',
  SQLiteText: 'text',
  PgText: 'text',
  PgVarchar: 'text',
  SQLiteReal: 'real',
  PgDoublePrecision: 'real',
  SQLiteTextJson: 'json',
  PgJson: 'json',
  PgJsonb: 'json',
  SQLiteBlobBuffer: 'blob',
};

// SQL defaults written differently by each engine that mean the same thing.
const SQL_DEFAULT_MEANINGS: Record<string, string> = {
  "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))": 'now as ISO text',
  'to_char(statement_timestamp() at time zone \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\')': 'now as ISO text',
};

type Dialect = { sqlToQuery(sql: SQL): { sql: string; params: unknown[] } };
type AnyColumn = {
  name: string;
  columnType: string;
  notNull: boolean;
  hasDefault: boolean;
  default: unknown;
  primary: boolean;
  isUnique: boolean;
  enumValues?: readonly string[];
  getSQLType(): string;
};

/**
 * SQL text without the engines' differences in quoting names, case and spacing; string
 * literals are kept as written. Parameters are listed after the text.
 */
function renderSql(dialect: Dialect, value: SQL): string {
  const { sql, params } = dialect.sqlToQuery(value);
  const text = sql
    .replace(/\$\d+/g, '?')
    .split(/('(?:[^']|'')*')/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/[`"](\w+)[`"]/g, '$1')
            .replace(/\s+/g, ' ')
            .toLowerCase(),
    )
    .join('')
    .trim();
  return params.length > 0 ? `${text} with ${JSON.stringify(params)}` : text;
}

function typeClass(column: AnyColumn): TypeClass {
  if (column.columnType === 'PgCustomColumn' && column.getSQLType() === 'bytea') return 'blob';
  return TYPE_CLASSES[column.columnType] ?? `other:${column.columnType}`;
}

function defaultMeaning(dialect: Dialect, column: AnyColumn): string | null {
  if (!column.hasDefault || column.default === undefined) return null;
  if (is(column.default, SQL)) {
    const text = renderSql(dialect, column.default);
    return SQL_DEFAULT_MEANINGS[text] ?? text.replace(/^\((.*)\)$/, '$1');
  }
  return JSON.stringify(column.default);
}

function columnShape(dialect: Dialect, column: AnyColumn, generatedId: boolean): ColumnShape {
  return {
    type: typeClass(column),
    notNull: column.notNull,
    default: generatedId ? null : defaultMeaning(dialect, column),
    generatedId,
    enumValues: column.enumValues && column.enumValues.length > 0 ? [...column.enumValues] : null,
  };
}

type Config = {
  name: string;
  columns: AnyColumn[];
  primaryKeys: { columns: { name: string }[] }[];
  uniqueConstraints: { columns: { name: string }[] }[];
  indexes: { config: { name: string; columns: unknown[]; unique: boolean; where?: SQL } }[];
  foreignKeys: {
    onDelete?: string;
    onUpdate?: string;
    reference(): { columns: { name: string }[]; foreignColumns: { name: string }[]; foreignTable: Parameters<typeof getTableName>[0] };
  }[];
  checks: { name: string; value: SQL }[];
};

function tableShape(dialect: Dialect, config: Config, isGeneratedId: (column: AnyColumn) => boolean): TableShape {
  const key = (columns: string[]) => columns.join(', ');
  const indexColumn = (c: unknown) => (is(c, SQL) ? renderSql(dialect, c) : (c as { name: string }).name);
  const indexes = Object.fromEntries(
    config.indexes.map(({ config: i }) => [
      i.name,
      { columns: i.columns.map(indexColumn), unique: i.unique, where: i.where ? renderSql(dialect, i.where) : null },
    ]),
  );
  const uniqueKeys = [
    ...config.columns.filter((c) => c.isUnique).map((c) => key([c.name])),
    ...config.uniqueConstraints.map((u) => key(u.columns.map((c) => c.name))),
    ...Object.values(indexes)
      .filter((i) => i.unique)
      .map((i) => key(i.columns)),
  ];
  return {
    name: config.name,
    columns: Object.fromEntries(config.columns.map((c) => [c.name, columnShape(dialect, c, isGeneratedId(c))])),
    primaryKey: [...config.columns.filter((c) => c.primary).map((c) => c.name), ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name))],
    uniqueKeys: [...new Set(uniqueKeys)].sort(),
    indexes,
    foreignKeys: Object.fromEntries(
      config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        const names = (cs: { name: string }[]) => key(cs.map((c) => c.name));
        return [
          `${names(ref.columns)} -> ${getTableName(ref.foreignTable)}(${names(ref.foreignColumns)})`,
          // Unset actions are NO ACTION in both engines.
          { onDelete: fk.onDelete ?? 'no action', onUpdate: fk.onUpdate ?? 'no action' },
        ];
      }),
    ),
    checks: Object.fromEntries(config.checks.map((c) => [c.name, renderSql(dialect, c.value)])),
  };
}

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

export function sqliteTableShape(table: SQLiteTable): TableShape {
  const config = getSqliteTableConfig(table) as unknown as Config;
  return tableShape(sqliteDialect, config, (c) => (c as AnyColumn & { autoIncrement?: boolean }).autoIncrement === true);
}

export function pgTableShape(table: PgTable): TableShape {
  const config = getPgTableConfig(table) as unknown as Config;
  return tableShape(pgDialect, config, (c) => {
    const identity = (c as AnyColumn & { generatedIdentity?: { type: string } }).generatedIdentity;
    return identity?.type === 'byDefault' || c.columnType === 'PgSerial' || c.columnType === 'PgBigSerial53';
  });
}

/** The tables among a schema module's exports. */
export function sqliteTables(schema: Record<string, unknown>): SQLiteTable[] {
  return Object.values(schema).filter((v): v is SQLiteTable => is(v, SQLiteTable));
}

export function pgTables(schema: Record<string, unknown>): PgTable[] {
  return Object.values(schema).filter((v): v is PgTable => is(v, PgTable));
}

function differ(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/** Where two sets of named things differ: "<where> <name>: sqlite … pg …" per difference. */
function compareRecords<T>(where: string, a: Record<string, T>, b: Record<string, T>, compare: (where: string, x: T, y: T) => string[]): string[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.flatMap((name) => {
    const x = a[name];
    const y = b[name];
    if (x === undefined || y === undefined)
      return [`${where} ${name}: sqlite ${x === undefined ? 'lacks it' : 'has it'}, pg ${y === undefined ? 'lacks it' : 'has it'}`];
    return compare(`${where} ${name}`, x, y);
  });
}

function compareFields<T extends object>(where: string, x: T, y: T): string[] {
  return (Object.keys(x) as (keyof T)[])
    .filter((k) => differ(x[k], y[k]))
    .map((k) => `${where} ${String(k)}: sqlite ${show(x[k])}, pg ${show(y[k])}`);
}

/**
 * Every difference between the SQLite and the PostgreSQL shapes of the schema, one line
 * each; empty when they agree.
 */
export function compareSchemas(sqlite: TableShape[], pg: TableShape[]): string[] {
  const byName = (shapes: TableShape[]) => Object.fromEntries(shapes.map((s) => [s.name, s]));
  return compareRecords('table', byName(sqlite), byName(pg), (where, x, y) => [
    ...compareRecords(`${where} column`, x.columns, y.columns, compareFields),
    ...(differ(x.primaryKey, y.primaryKey) ? [`${where} primary key: sqlite ${show(x.primaryKey)}, pg ${show(y.primaryKey)}`] : []),
    ...(differ(x.uniqueKeys, y.uniqueKeys) ? [`${where} unique keys: sqlite ${show(x.uniqueKeys)}, pg ${show(y.uniqueKeys)}`] : []),
    ...compareRecords(`${where} index`, x.indexes, y.indexes, compareFields),
    ...compareRecords(`${where} foreign key`, x.foreignKeys, y.foreignKeys, compareFields),
    ...compareRecords(`${where} check`, x.checks, y.checks, (w, a, b) => (a === b ? [] : [`${w}: sqlite ${show(a)}, pg ${show(b)}`])),
  ]);
}
