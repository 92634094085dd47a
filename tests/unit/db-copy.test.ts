import { getTableName } from 'drizzle-orm';
import { getTableConfig, integer as pgInteger, pgTable, text as pgText, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { planCopy, schemaTablePairs } from '../../server/src/db/copy-plan';
import { compareSnapshots, type Snapshot } from '../../server/src/db/copy-snapshot';

const totals = (budgetOriginal: string, expenditureConverted = '0') => ({
  budgetOriginal,
  budgetRevised: '0',
  expenditureAmount: '0',
  expenditureConverted,
});

describe('planCopy on the schema', () => {
  const plan = planCopy(schemaTablePairs());

  it('orders every table of the schema once, each after every table its foreign keys point at', () => {
    const names = plan.map((t) => t.name);
    expect(names.length).toBeGreaterThan(30);
    expect(new Set(names).size).toBe(names.length);
    for (const [i, table] of plan.entries()) {
      for (const fk of getTableConfig(table.target).foreignKeys) {
        const parent = getTableName(fk.reference().foreignTable);
        if (parent !== table.name) expect(names.indexOf(parent), `${table.name} -> ${parent}`).toBeLessThan(i);
      }
    }
    // The registry's organisation names its contact person: people come first.
    expect(names.indexOf('registry_people')).toBeLessThan(names.indexOf('registry_organisations'));
  });

  it('pairs every column by name and moves the sequence of every identity id', () => {
    const users = plan.find((t) => t.name === 'users');
    expect(users?.columns.map((c) => c.name)).toContain('password_hash');
    expect(users?.identity).toEqual(['id']);
    expect(plan.find((t) => t.name === 'sessions')?.identity).toEqual([]);
    expect(plan.find((t) => t.name === 'registry_memberships')?.key.map((c) => c.name)).toEqual(['person_id', 'organisation_id']);
    expect(plan.every((t) => t.deferred.length === 0)).toBe(true);
  });
});

describe('planCopy on tables that point at themselves or at each other', () => {
  it('defers a nullable column that points at its own table', () => {
    const nodes = sqliteTable('nodes', {
      id: integer('id').primaryKey(),
      parentId: integer('parent_id').references((): AnySQLiteColumn => nodes.id),
    });
    const pgNodes = pgTable('nodes', {
      id: pgInteger('id').primaryKey(),
      parentId: pgInteger('parent_id').references((): AnyPgColumn => pgNodes.id),
    });
    const [table] = planCopy([{ source: nodes, target: pgNodes }]);
    expect(table?.deferred.map((c) => c.name)).toEqual(['parent_id']);
  });

  it('refuses a self-reference that cannot be empty, and a loop through two tables, naming them', () => {
    const strict = sqliteTable('strict', { id: integer('id').primaryKey(), parentId: integer('parent_id').notNull() });
    const pgStrict = pgTable('strict', {
      id: pgInteger('id').primaryKey(),
      parentId: pgInteger('parent_id')
        .notNull()
        .references((): AnyPgColumn => pgStrict.id),
    });
    expect(() => planCopy([{ source: strict, target: pgStrict }])).toThrow('strict.parent_id points at its own table');

    const a = sqliteTable('a', { id: integer('id').primaryKey(), bId: integer('b_id') });
    const b = sqliteTable('b', { id: integer('id').primaryKey(), aId: integer('a_id') });
    const pgA = pgTable('a', { id: pgInteger('id').primaryKey(), bId: pgInteger('b_id').references((): AnyPgColumn => pgB.id) });
    const pgB = pgTable('b', { id: pgInteger('id').primaryKey(), aId: pgInteger('a_id').references((): AnyPgColumn => pgA.id) });
    expect(() =>
      planCopy([
        { source: a, target: pgA },
        { source: b, target: pgB },
      ]),
    ).toThrow('Foreign keys loop through a, b');
  });

  it('refuses descriptions whose columns differ', () => {
    const one = sqliteTable('one', { id: integer('id').primaryKey(), note: text('note') });
    const pgOne = pgTable('one', { id: pgInteger('id').primaryKey(), body: pgText('body') });
    expect(() => planCopy([{ source: one, target: pgOne }])).toThrow('Column one.body has no SQLite description');
  });
});

describe('compareSnapshots', () => {
  const same: Snapshot = { counts: { projects: 2, budget_lines: 3 }, money: { '1': totals('900719925474099300'), '2': totals('5', '7') } };

  it('finds no difference between equal snapshots', () => {
    expect(compareSnapshots(same, structuredClone(same))).toEqual([]);
  });

  it('names a table whose row count differs, and one missing on a side', () => {
    expect(compareSnapshots(same, { ...same, counts: { projects: 2, budget_lines: 2 } })).toEqual([
      'budget_lines: 3 rows in the source, 2 in the target',
    ]);
    expect(compareSnapshots(same, { ...same, counts: { projects: 2 } })).toEqual(['budget_lines: 3 rows in the source, no table in the target']);
  });

  it('tells sums apart that a JS number would round to the same value, past 2^53', () => {
    // 9007199254740993 and 9007199254740992 are the same double.
    expect(Number('9007199254740993')).toBe(Number('9007199254740992'));
    const source: Snapshot = { counts: {}, money: { '7': totals('9007199254740993') } };
    const target: Snapshot = { counts: {}, money: { '7': totals('9007199254740992') } };
    expect(compareSnapshots(source, target)).toEqual(['project 7 budgetOriginal: 9007199254740993 in the source, 9007199254740992 in the target']);
  });

  it('counts a project with money on one side only as zero on the other', () => {
    const target: Snapshot = { counts: same.counts, money: { '1': same.money['1']! } };
    expect(compareSnapshots(same, target)).toEqual([
      'project 2 budgetOriginal: 5 in the source, 0 in the target',
      'project 2 expenditureConverted: 7 in the source, 0 in the target',
    ]);
  });
});
