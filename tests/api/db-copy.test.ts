import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asc, eq, getTableName, sql, TransactionRollbackError } from 'drizzle-orm';
import { integer as pgInteger, pgTable, text as pgText, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, migrateDatabase, openDatabase, queryRows, runSql, single, type Db } from '../../server/src/db/client';
import { CopyRefusedError, copySqliteToPostgres, postgresTarget, type CopyReport } from '../../server/src/db/copy';
import { planCopy, schemaTablePairs } from '../../server/src/db/copy-plan';
import { connectPostgres } from '../../server/src/db/postgres';
import * as pgSchema from '../../server/src/db/schema/pg';
import * as sqliteSchema from '../../server/src/db/schema/sqlite';
import { seedDemo } from '../../server/src/seed/demo';
import {
  makeBudgetLine,
  makeExpenditure,
  makeIndicator,
  makeOrganisation,
  makePeriod,
  makePerson,
  makeProject,
  makeUser,
  makeValue,
} from '../factories';
import { pdfBytes, pngBytes } from '../factories/files';
import { databaseDigest, startTestApp, tableCounts, type ApiClient, type TestApp } from './harness';

// PGlite takes 5-15 s to start on a busy machine; each target is one.
const START_TIMEOUT = 180_000;

/** The largest amount a line may hold (10^15 minor units): ten of them sum past 2^53. */
const LARGEST_MINOR = 999_999_999_999_999;

let app: TestApp;
/** The source as the copy reads it: a connection of its own to the app's file. */
let source: Db;
let target: Db;
let report: CopyReport;
let bigProjectId: number;
const saved = new Map<string, Buffer>();
const uploaded: { storedName: string; data: Buffer }[] = [];
let lostFile: string;

async function upload(client: ApiClient, path: string, data: Buffer, fileName: string, contentType: string) {
  const boundary = `----hamkori${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number };
}

beforeAll(async () => {
  app = await startTestApp();
  await seedDemo(app.db, '2026-03-01');
  const manager = await makeUser(app.db, { role: 'manager' });
  const project = await makeProject(app.db, { memberIds: [manager.id], budgetMinor: LARGEST_MINOR, illustrative: false });
  bigProjectId = project.id;
  for (let i = 0; i < 10; i++) {
    const line = await makeBudgetLine(app.db, project, { originalMinor: LARGEST_MINOR, revisedMinor: i % 2 === 0 ? LARGEST_MINOR - i : null });
    await makeExpenditure(app.db, project, {
      budgetLineId: line.id,
      amountMinor: 90_000_000_000_000 + i,
      currency: 'EUR',
      fxRate: '1.0837',
      convertedMinor: 97_533_000_000_000 + i,
    });
  }
  const person = await makePerson(app.db, project.id, { sectors: ['health', 'education'], languages: ['ru', 'tg'] });
  await makeOrganisation(app.db, project.id, { contactPersonId: person.id, links: ['https://example.org/a'] });

  const client = await app.login(manager.email);
  const value = await makeValue(app.db, await makePeriod(app.db, await makeIndicator(app.db, project.id)));
  const entry = await makeExpenditure(app.db, project);
  for (const [path, data, name, type] of [
    [`/values/${value.id}/evidence`, pdfBytes(), 'minutes.pdf', 'application/pdf'],
    [`/expenditures/${entry.id}/evidence`, pngBytes(), 'receipt.png', 'image/png'],
    [`/expenditures/${entry.id}/evidence`, pdfBytes(), 'lost.pdf', 'application/pdf'],
  ] as const) {
    await upload(client, path, data, name, type);
  }
  const stored = [...(await app.db.select().from(sqliteSchema.evidenceFiles)), ...(await app.db.select().from(sqliteSchema.expenditureFiles))];
  const uploadsDir = join(app.databasePath, '..', 'uploads');
  for (const row of stored) {
    if (row.fileName === 'lost.pdf') lostFile = row.storedName;
    else uploaded.push({ storedName: row.storedName, data: readFileSync(join(uploadsDir, row.storedName)) });
  }
  // A record whose file went missing from the folder.
  rmSync(join(uploadsDir, lostFile));

  source = openDatabase(app.databasePath);
  target = await connectPostgres('pglite:memory');
  report = await copySqliteToPostgres(source, target, {
    files: { uploadsDir, save: async (storedName, data) => void saved.set(storedName, data) },
  });
}, START_TIMEOUT);

afterAll(async () => {
  await closeDatabase(source);
  await closeDatabase(target);
  await app.close();
});

/** Every row of a table on each side, in key order, as drizzle hands them to the app. */
async function rowsOf(table: ReturnType<typeof planCopy>[number]) {
  const fromSource = await source
    .select()
    .from(table.source)
    .orderBy(...table.key.map((k) => asc(k.source)));
  const fromTarget = await postgresTarget(target)
    .select()
    .from(table.target)
    .orderBy(...table.key.map((k) => asc(k.target)));
  return { fromSource, fromTarget };
}

/** Exact money per project, summed by the database itself and read as text. */
async function moneyOf(
  db: Db,
  lines: typeof sqliteSchema.budgetLines | typeof pgSchema.budgetLines,
  ledger: typeof sqliteSchema.expenditures | typeof pgSchema.expenditures,
) {
  const budget = await queryRows<{ project: number; original: string; revised: string }>(
    db,
    sql`SELECT ${lines.projectId} AS project, CAST(sum(${lines.originalMinor}) AS TEXT) AS original, CAST(sum(${lines.revisedMinor}) AS TEXT) AS revised FROM ${lines} GROUP BY ${lines.projectId} ORDER BY 1`,
  );
  const spent = await queryRows<{ project: number; amount: string; converted: string }>(
    db,
    sql`SELECT ${ledger.projectId} AS project, CAST(sum(${ledger.amountMinor}) AS TEXT) AS amount, CAST(sum(${ledger.convertedMinor}) AS TEXT) AS converted FROM ${ledger} GROUP BY ${ledger.projectId} ORDER BY 1`,
  );
  return { budget: budget.map((r) => ({ ...r, project: Number(r.project) })), spent: spent.map((r) => ({ ...r, project: Number(r.project) })) };
}

describe('db:copy, SQLite into an empty PostgreSQL database', () => {
  it('copies every table with the same row count, and reports them equal', async () => {
    const counts = await tableCounts(source);
    expect(await tableCounts(target)).toEqual(counts);
    expect(report.ok).toBe(true);
    expect(report.differences).toEqual([]);
    expect(Object.fromEntries(report.tables.map((t) => [t.table, t.target]))).toEqual(counts);
    // The seeded database fills the tables that matter; a copy of nothing would prove nothing.
    for (const table of [
      'users',
      'projects',
      'activities',
      'budget_lines',
      'expenditures',
      'indicator_values',
      'registry_people',
      'registry_consents',
      'evidence_files',
      'expenditure_files',
      'audit_log',
      'reports',
    ]) {
      expect(counts[table], table).toBeGreaterThan(0);
    }
  });

  it('reads every row of every table back from PostgreSQL equal to the SQLite row, ids included', async () => {
    const plan = planCopy(schemaTablePairs());
    expect(plan.map((t) => t.name).sort()).toEqual(Object.keys(await tableCounts(source)).sort());
    for (const table of plan) {
      const { fromSource, fromTarget } = await rowsOf(table);
      expect(fromTarget, getTableName(table.target)).toEqual(fromSource);
    }
  });

  it('keeps money per project to the minor unit, summed exactly past 2^53', async () => {
    const before = await moneyOf(source, sqliteSchema.budgetLines, sqliteSchema.expenditures);
    const after = await moneyOf(target, pgSchema.budgetLines, pgSchema.expenditures);
    expect(after).toEqual(before);
    const big = after.budget.find((r) => r.project === bigProjectId);
    expect(big?.original).toBe((BigInt(LARGEST_MINOR) * 10n).toString());
    expect(BigInt(big?.original ?? 0)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(report.money.budgetOriginal).toBe(before.budget.reduce((sum, r) => sum + BigInt(r.original), 0n).toString());
  });

  it('turns SQLite 0/1 into PostgreSQL booleans and JSON text into JSON values', async () => {
    const [sqliteRow] = await queryRows<{ illustrative: number; sectors: string }>(
      source,
      sql`SELECT illustrative, sectors FROM registry_people WHERE project_id = ${bigProjectId}`,
    );
    const [pgRow] = await queryRows<{ illustrative: unknown; sectors: unknown; kind: string }>(
      target,
      sql`SELECT illustrative, sectors, json_typeof(sectors) AS kind FROM registry_people WHERE project_id = ${bigProjectId}`,
    );
    expect(sqliteRow).toEqual({ illustrative: 0, sectors: '["health","education"]' });
    expect(pgRow).toEqual({ illustrative: false, sectors: ['health', 'education'], kind: 'array' });
    // The demo's follow-up project is illustrative, CE.0219 itself is not: both values cross.
    const sqliteFlags = await queryRows<{ code: string; illustrative: number }>(source, sql`SELECT code, illustrative FROM projects ORDER BY id`);
    const pgFlags = await queryRows<{ code: string; illustrative: unknown }>(target, sql`SELECT code, illustrative FROM projects ORDER BY id`);
    expect(new Set(sqliteFlags.map((r) => r.illustrative))).toEqual(new Set([0, 1]));
    expect(pgFlags).toEqual(sqliteFlags.map((r) => ({ code: r.code, illustrative: r.illustrative === 1 })));
  });

  it('moves every identity sequence past the copied ids, so the next insert gets a fresh id', async () => {
    const pg = postgresTarget(target);
    const { max } = await single(queryRows<{ max: number }>(target, sql`SELECT max(id) AS max FROM projects`));
    const { maxAudit } = await single(queryRows<{ maxAudit: number }>(target, sql`SELECT max(id) AS "maxAudit" FROM audit_log`));
    let projectId = 0;
    let auditId = 0;
    // Inserted and rolled back, so the copy stays as made for the other tests (a sequence does not roll back).
    await pg
      .transaction(async (tx) => {
        projectId = (
          await single(
            tx
              .insert(pgSchema.projects)
              .values({
                code: 'NEW.1',
                title: 'After the move',
                status: 'pipeline',
                type: 'research',
                region: 'europe',
                coverage: 'national',
                startYear: 2026,
                endYear: 2027,
                budgetMinor: 0,
                currency: 'USD',
              })
              .returning(),
          )
        ).id;
        auditId = (
          await single(
            tx
              .insert(pgSchema.auditLog)
              .values({ at: '2026-03-01T00:00:00.000Z', entity: 'project', entityId: projectId, action: 'create' })
              .returning(),
          )
        ).id;
        tx.rollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof TransactionRollbackError)) throw err;
      });
    expect(projectId).toBe(max + 1);
    expect(auditId).toBe(maxAudit + 1);
  });

  it('copies each evidence file into the target store under its stored name, and lists one missing from the folder', async () => {
    expect(uploaded).toHaveLength(2);
    expect([...saved.keys()].sort()).toEqual(uploaded.map((f) => f.storedName).sort());
    for (const file of uploaded) expect(saved.get(file.storedName)).toEqual(file.data);
    expect(report.files).toEqual({ copied: 2, missing: [lostFile], damaged: [] });
    const [row] = await postgresTarget(target).select().from(pgSchema.expenditureFiles).where(eq(pgSchema.expenditureFiles.storedName, lostFile));
    expect(row?.fileName).toBe('lost.pdf');
    const png = uploaded.find((f) => f.data.equals(pngBytes()));
    expect(
      png &&
        createHash('sha256')
          .update(saved.get(png.storedName) ?? '')
          .digest('hex'),
    ).toBe(createHash('sha256').update(pngBytes()).digest('hex'));
  });

  it('refuses to copy into a target that already holds rows, and writes nothing to it', async () => {
    const before = await databaseDigest(target);
    await expect(copySqliteToPostgres(source, target)).rejects.toThrow(CopyRefusedError);
    await expect(copySqliteToPostgres(source, target)).rejects.toThrow(/not empty: projects, .*users/);
    expect(await databaseDigest(target)).toBe(before);
  });
});

describe('db:copy failures leave the target empty', () => {
  let dir: string;
  let empty: Db;

  /** A fresh, migrated SQLite file with one project and its budget. */
  async function smallSource(name: string): Promise<Db> {
    const db = openDatabase(join(dir, `${name}.db`));
    await migrateDatabase(db);
    const project = await makeProject(db);
    await makeExpenditure(db, project, { budgetLineId: (await makeBudgetLine(db, project)).id });
    return db;
  }

  beforeAll(async () => {
    dir = join(app.databasePath, '..', 'failures');
    empty = await connectPostgres('pglite:memory');
    await migrateDatabase(empty);
  }, START_TIMEOUT);
  afterAll(() => closeDatabase(empty));

  /** True when the target has the app's tables and not one row in them. */
  async function allZero(): Promise<boolean> {
    const counts = await tableCounts(empty);
    expect(Object.keys(counts).length).toBe(schemaTablePairs().length);
    return Object.values(counts).every((n) => n === 0);
  }

  it('rolls back every copied row when a step after the tables fails (the file store)', async () => {
    const db = await smallSource('store-fails');
    const [entry] = await db.select().from(sqliteSchema.expenditures);
    await db.insert(sqliteSchema.expenditureFiles).values({
      projectId: entry!.projectId,
      expenditureId: entry!.id,
      storedName: 'a'.repeat(32),
      fileName: 'receipt.pdf',
      mediaType: 'application/pdf',
      size: pdfBytes().length,
      sha256: createHash('sha256').update(pdfBytes()).digest('hex'),
      uploadedAt: '2026-03-01T00:00:00.000Z',
    });
    const uploadsDir = join(dir, 'store-fails-uploads');
    mkdirSync(uploadsDir, { recursive: true });
    writeFileSync(join(uploadsDir, 'a'.repeat(32)), pdfBytes());
    const tables: string[] = [];
    await expect(
      copySqliteToPostgres(db, empty, {
        files: { uploadsDir, save: () => Promise.reject(new Error('the file store is full')) },
        onTable: (table) => tables.push(table),
      }),
    ).rejects.toThrow('the file store is full');
    // Every table was written before the failure; none of it stayed.
    expect(tables).toHaveLength(schemaTablePairs().length);
    expect(await allZero()).toBe(true);
    await closeDatabase(db);
  });

  it('refuses a source not migrated to the latest migration, or migrated by a newer version, before writing', async () => {
    const db = await smallSource('old');
    const { last } = await single(queryRows<{ last: number }>(db, sql`SELECT max(created_at) AS last FROM __drizzle_migrations`));
    // As a file the previous version left: its record of the latest migration is not there.
    await runSql(db, sql`DELETE FROM __drizzle_migrations WHERE created_at = ${last}`);
    await expect(copySqliteToPostgres(db, empty)).rejects.toThrow(/not migrated to the latest migration/);
    await runSql(db, sql`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ${last + 1})`);
    await expect(copySqliteToPostgres(db, empty)).rejects.toThrow(/newer version/);
    expect(await allZero()).toBe(true);
    await closeDatabase(db);
  });

  it('copies a table whose rows point at each other within it, children before parents included', async () => {
    const nodes = sqliteTable('copy_test_nodes', {
      id: integer('id').primaryKey({ autoIncrement: true }),
      parentId: integer('parent_id').references((): AnySQLiteColumn => nodes.id),
      label: text('label').notNull(),
    });
    const pgNodes = pgTable('copy_test_nodes', {
      id: pgInteger('id').primaryKey().generatedByDefaultAsIdentity(),
      parentId: pgInteger('parent_id').references((): AnyPgColumn => pgNodes.id),
      label: pgText('label').notNull(),
    });
    const db = await smallSource('nodes');
    await runSql(
      db,
      sql`CREATE TABLE copy_test_nodes (id integer PRIMARY KEY AUTOINCREMENT, parent_id integer REFERENCES copy_test_nodes(id), label text NOT NULL)`,
    );
    await runSql(
      empty,
      sql`CREATE TABLE copy_test_nodes (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, parent_id integer REFERENCES copy_test_nodes(id), label text NOT NULL)`,
    );
    try {
      // 1 points at 3 and 3 at 1: no order of rows satisfies the key, deferring the column does.
      await runSql(db, sql`INSERT INTO copy_test_nodes (id, parent_id, label) VALUES (1, NULL, 'a'), (2, NULL, 'b'), (3, 1, 'c')`);
      await runSql(db, sql`UPDATE copy_test_nodes SET parent_id = 3 WHERE id = 1`);
      const result = await copySqliteToPostgres(db, empty, { tables: [{ source: nodes, target: pgNodes }], chunkSize: 2 });
      expect(result.tables).toEqual([{ table: 'copy_test_nodes', source: 3, target: 3 }]);
      expect(await postgresTarget(empty).select().from(pgNodes).orderBy(pgNodes.id)).toEqual([
        { id: 1, parentId: 3, label: 'a' },
        { id: 2, parentId: null, label: 'b' },
        { id: 3, parentId: 1, label: 'c' },
      ]);
      const [next] = await postgresTarget(empty).insert(pgNodes).values({ label: 'd' }).returning();
      expect(next?.id).toBe(4);
    } finally {
      await runSql(empty, sql`DROP TABLE copy_test_nodes`);
      await closeDatabase(db);
    }
    expect(await allZero()).toBe(true);
  });
});
