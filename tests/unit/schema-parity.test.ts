import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index as pgIndex,
  integer as pgInteger,
  pgTable,
  real as pgReal,
  text as pgText,
  uniqueIndex,
  type ExtraConfigColumn,
  type PgColumnBuilderBase,
  type PgTable,
  type PgTableExtraConfigValue,
} from 'drizzle-orm/pg-core';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as sqliteSchema from '../../server/src/db/schema/sqlite';
import * as pgSchema from '../../server/src/db/schema/pg';
import { compareSchemas, pgTables, pgTableShape, sqliteTables, sqliteTableShape } from '../support/schema-shape';

const sqliteShapes = sqliteTables(sqliteSchema).map(sqliteTableShape);
const pgShapes = pgTables(pgSchema).map(pgTableShape);

describe('schema parity: SQLite and PostgreSQL descriptions', () => {
  it('export the same names, tables and otherwise', () => {
    expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
  });

  it('describe the same tables, columns, types, nullability, defaults, keys, indexes, foreign keys and checks', () => {
    expect(sqliteShapes.length).toBeGreaterThan(30);
    expect(compareSchemas(sqliteShapes, pgShapes)).toEqual([]);
  });

  it('see what the schema holds: the attendance expression index, the indicator check, an ISO-time default', () => {
    // Guards the comparison itself: these would compare equal if the shapes dropped them.
    const attendance = pgShapes.find((t) => t.name === 'attendance');
    expect(attendance?.indexes['attendance_unique_idx']).toEqual({
      columns: ['activity_id', 'coalesce(sub_event_id, 0)', 'person_id'],
      unique: true,
      where: null,
    });
    expect(pgShapes.find((t) => t.name === 'indicators')?.checks).toEqual({
      indicators_one_parent: 'indicators.outcome_id is null or indicators.output_id is null',
    });
    expect(sqliteShapes.find((t) => t.name === 'users')?.columns['created_at']).toEqual({
      type: 'text',
      notNull: true,
      default: 'now as ISO text',
      generatedId: false,
      enumValues: null,
    });
    expect(sqliteShapes.find((t) => t.name === 'users')?.columns['id']?.generatedId).toBe(true);
  });
});

describe('schema comparison', () => {
  const owners = sqliteTable('owners', { id: integer('id').primaryKey({ autoIncrement: true }) });
  const notes = sqliteTable(
    'notes',
    {
      id: integer('id').primaryKey({ autoIncrement: true }),
      ownerId: integer('owner_id').references(() => owners.id, { onDelete: 'cascade' }),
      body: text('body').notNull(),
      done: integer('done', { mode: 'boolean' }).notNull().default(false),
      weight: real('weight'),
    },
    (t) => [index('notes_owner_idx').on(t.ownerId)],
  );
  const pgOwners = pgTable('owners', { id: pgInteger('id').primaryKey().generatedByDefaultAsIdentity() });

  type Columns = Record<string, PgColumnBuilderBase>;
  /** The PostgreSQL twin of `notes`, with some columns replaced (or dropped, by null) and other indexes. */
  function pgNotes(
    changes: Record<string, PgColumnBuilderBase | null> = {},
    indexes: (t: Record<string, ExtraConfigColumn>) => PgTableExtraConfigValue[] = (t) => [pgIndex('notes_owner_idx').on(t.ownerId!)],
  ): PgTable {
    const columns: Record<string, PgColumnBuilderBase | null> = {
      id: pgInteger('id').primaryKey().generatedByDefaultAsIdentity(),
      ownerId: pgInteger('owner_id').references(() => pgOwners.id, { onDelete: 'cascade' }),
      body: pgText('body').notNull(),
      done: boolean('done').notNull().default(false),
      weight: doublePrecision('weight'),
      ...changes,
    };
    const kept = Object.fromEntries(Object.entries(columns).filter((e): e is [string, PgColumnBuilderBase] => e[1] !== null)) as Columns;
    return pgTable('notes', kept, (t) => indexes(t as Record<string, ExtraConfigColumn>));
  }
  const compareWith = (pg: PgTable) => compareSchemas([notes, owners].map(sqliteTableShape), [pg, pgOwners].map(pgTableShape));

  it('finds no difference between tables that match', () => {
    expect(compareWith(pgNotes())).toEqual([]);
  });

  it.each([
    ['a column nullable in one engine only', pgNotes({ body: pgText('body') }), ['table notes column body notNull: sqlite true, pg false']],
    [
      'a single-precision real where SQLite keeps a double',
      pgNotes({ weight: pgReal('weight') }),
      ['table notes column weight type: sqlite "real", pg "other:PgReal"'],
    ],
    [
      'an id the database does not assign',
      pgNotes({ id: pgInteger('id').primaryKey() }),
      ['table notes column id generatedId: sqlite true, pg false'],
    ],
    ['another default', pgNotes({ done: boolean('done').notNull().default(true) }), ['table notes column done default: sqlite "false", pg "true"']],
    [
      'another delete action',
      pgNotes({ ownerId: pgInteger('owner_id').references(() => pgOwners.id, { onDelete: 'set null' }) }),
      ['table notes foreign key owner_id -> owners(id) onDelete: sqlite "cascade", pg "set null"'],
    ],
    [
      'an index on an expression, and partial',
      pgNotes({}, (t) => [
        pgIndex('notes_owner_idx')
          .on(sql`coalesce(owner_id, 0)`)
          .where(sql`${t.done} = false`),
      ]),
      [
        'table notes index notes_owner_idx columns: sqlite ["owner_id"], pg ["coalesce(owner_id, 0)"]',
        'table notes index notes_owner_idx where: sqlite null, pg "notes.done = false"',
      ],
    ],
    [
      'an index made unique',
      pgNotes({}, (t) => [uniqueIndex('notes_owner_idx').on(t.ownerId!)]),
      ['table notes unique keys: sqlite [], pg ["owner_id"]', 'table notes index notes_owner_idx unique: sqlite false, pg true'],
    ],
    [
      'a missing column and a missing index',
      pgNotes({ weight: null }, () => []),
      ['table notes column weight: sqlite has it, pg lacks it', 'table notes index notes_owner_idx: sqlite has it, pg lacks it'],
    ],
  ] as const)('reports %s', (_what, pg, expected) => {
    expect(compareWith(pg)).toEqual([...expected]);
  });

  it('reports a table one engine lacks', () => {
    expect(compareSchemas([notes, owners].map(sqliteTableShape), [pgOwners].map(pgTableShape))).toEqual(['table notes: sqlite has it, pg lacks it']);
  });
});
