import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { eq, getTableName } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../server/src/db/schema/pg';
import { pgTables, pgTableShape } from '../support/schema-shape';

/**
 * The PostgreSQL migrations (migrations/postgres), applied to an in-process PostgreSQL,
 * build what the PostgreSQL schema describes, and the rows drizzle reads back carry the
 * same JS values as with SQLite.
 */
const MIGRATIONS = fileURLToPath(new URL('../../migrations/postgres', import.meta.url));
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let client: PGlite;
let db: ReturnType<typeof drizzle>;
const tables = pgTables(schema);

// Starting PGlite (an initdb in WebAssembly) takes 3-15 s, longer on a busy machine.
beforeAll(async () => {
  client = new PGlite();
  db = drizzle(client);
  await migrate(db, { migrationsFolder: MIGRATIONS });
}, 120_000);
afterAll(async () => {
  await client.close();
});

async function rows<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await client.query<T>(query, params)).rows;
}

/** The database's own message for a refused statement (drizzle wraps it). */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : (err as Error).message;
  }
  throw new Error('the statement was not refused');
}

describe('PostgreSQL migrations on an empty database', () => {
  it('create exactly the tables of the schema', async () => {
    const found = await rows<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    expect(found.map((r) => r.table_name).sort()).toEqual(tables.map((t) => getTableName(t)).sort());
  });

  it('create every column with its type, nullability, default and identity', async () => {
    type Row = {
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
      is_identity: string;
      identity_generation: string | null;
    };
    const found = await rows<Row>("SELECT * FROM information_schema.columns WHERE table_schema = 'public'");
    const expected = tables.flatMap((t) =>
      getTableConfig(t).columns.map((c) => ({
        table_name: getTableName(t),
        column_name: c.name,
        data_type: c.getSQLType(),
        is_nullable: c.notNull ? 'NO' : 'YES',
        has_default: c.hasDefault && c.generatedIdentity === undefined,
        identity: c.generatedIdentity ? 'BY DEFAULT' : null,
      })),
    );
    const actual = found.map((r) => ({
      table_name: r.table_name,
      column_name: r.column_name,
      data_type: r.data_type,
      is_nullable: r.is_nullable,
      has_default: r.column_default !== null,
      identity: r.is_identity === 'YES' ? r.identity_generation : null,
    }));
    const order = (a: { table_name: string; column_name: string }, b: typeof a) =>
      `${a.table_name}.${a.column_name}`.localeCompare(`${b.table_name}.${b.column_name}`);
    expect(actual.sort(order)).toEqual(expected.sort(order));
    expect(expected.filter((c) => c.data_type === 'bigint').length).toBeGreaterThan(5);
  });

  it('create every index of the schema, unique where the schema says so, on the same columns', async () => {
    const found = await rows<{ tablename: string; indexname: string; indexdef: string }>(
      "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
    );
    const byName = new Map(found.map((r) => [r.indexname, r]));
    for (const table of tables) {
      for (const [name, index] of Object.entries(pgTableShape(table).indexes)) {
        const row = byName.get(name);
        expect(row, name).toBeDefined();
        expect(row?.tablename).toBe(getTableName(table));
        expect(row?.indexdef.startsWith('CREATE UNIQUE INDEX'), name).toBe(index.unique);
        const columns = /\((.*)\)$/
          .exec(row?.indexdef ?? '')?.[1]
          ?.toLowerCase()
          .replace(/"/g, '');
        expect(columns, name).toBe(index.columns.join(', '));
      }
    }
    expect(byName.get('attendance_unique_idx')?.indexdef).toContain('COALESCE(sub_event_id, 0)');
    // Column-level unique keys become constraints, each with its index.
    for (const name of ['users_email_unique', 'projects_code_unique', 'evidence_files_stored_name_unique', 'expenditure_files_stored_name_unique']) {
      expect(byName.get(name)?.indexdef, name).toMatch(/^CREATE UNIQUE INDEX/);
    }
  });

  it('create every foreign key with its columns, target and actions', async () => {
    const ACTIONS: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };
    type Row = { table: string; columns: string[]; target: string; target_columns: string[]; on_delete: string; on_update: string };
    const found = await rows<Row>(`
      SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS target,
             c.confdeltype AS on_delete, c.confupdtype AS on_update,
             (SELECT array_agg(a.attname ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(num, n)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS columns,
             (SELECT array_agg(a.attname ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(num, n)
                JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num) AS target_columns
      FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`);
    const actual = Object.fromEntries(
      found.map((r) => [
        `${r.table}: ${r.columns.join(', ')} -> ${r.target}(${r.target_columns.join(', ')})`,
        { onDelete: ACTIONS[r.on_delete], onUpdate: ACTIONS[r.on_update] },
      ]),
    );
    const expected = Object.fromEntries(
      tables.flatMap((t) => Object.entries(pgTableShape(t).foreignKeys).map(([key, fk]) => [`${getTableName(t)}: ${key}`, fk])),
    );
    expect(actual).toEqual(expected);
  });

  it('create the primary keys and the indicator check', async () => {
    const found = await rows<{ table: string; columns: string[] }>(`
      SELECT c.conrelid::regclass::text AS table,
             (SELECT array_agg(a.attname ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(num, n)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS columns
      FROM pg_constraint c WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace`);
    expect(Object.fromEntries(found.map((r) => [r.table, r.columns]))).toEqual(
      Object.fromEntries(tables.map((t) => [getTableName(t), pgTableShape(t).primaryKey])),
    );
    const checks = await rows<{ conname: string }>("SELECT conname FROM pg_constraint WHERE contype = 'c' AND conrelid = 'indicators'::regclass");
    expect(checks.map((c) => c.conname)).toEqual(['indicators_one_parent']);
  });
});

describe('rows written and read through drizzle with the PostgreSQL schema', () => {
  const { users, projects, sessions, outcomes, indicators, activities, registryPeople, registryConsents, attendance, settings } = schema;

  async function makeUser(email: string) {
    const [user] = await db.insert(users).values({ email, name: 'Nodira', role: 'manager', passwordHash: 'x' }).returning();
    return user!;
  }

  async function makeProject(code: string) {
    const [project] = await db
      .insert(projects)
      .values({
        code,
        title: 'P',
        status: 'active',
        type: 't',
        region: 'r',
        coverage: 'c',
        startYear: 2024,
        endYear: 2026,
        budgetMinor: 100,
        currency: 'USD',
      })
      .returning();
    return project!;
  }

  it('a user inserted without id or timestamps gets a numeric id and ISO times like SQLite writes', async () => {
    const before = Date.now();
    const user = await makeUser('nodira@example.test');
    expect(typeof user.id).toBe('number');
    expect(user.createdAt).toMatch(ISO_TIME);
    expect(Math.abs(Date.parse(user.createdAt) - before)).toBeLessThan(60_000);
    expect(user.locale).toBeNull();
    expect(user.version).toBe(1);
    const [read] = await db.select().from(users).where(eq(users.id, user.id));
    expect(read).toEqual(user);
  });

  it('an insert may give the id itself, as a copy of a database does', async () => {
    const [user] = await db
      .insert(users)
      .values({ id: 4242, email: 'given-id@example.test', name: 'G', role: 'donor', passwordHash: 'x' })
      .returning();
    expect(user?.id).toBe(4242);
  });

  it('money past 2^31 minor units, booleans and epoch milliseconds come back as JS numbers and booleans', async () => {
    const user = await makeUser('money@example.test');
    const [project] = await db
      .insert(projects)
      .values({
        code: 'BIG-1',
        title: 'Big',
        status: 'active',
        type: 't',
        region: 'r',
        coverage: 'c',
        startYear: 2024,
        endYear: 2030,
        budgetMinor: Number.MAX_SAFE_INTEGER,
        currency: 'USD',
        illustrative: true,
      })
      .returning({ id: projects.id });
    const [read] = await db.select().from(projects).where(eq(projects.id, project!.id));
    expect(read?.budgetMinor).toBe(Number.MAX_SAFE_INTEGER);
    expect(read?.illustrative).toBe(true);
    expect(typeof read?.startYear).toBe('number');

    const now = Date.now();
    await db
      .insert(sessions)
      .values({ id: 'hash-1', userId: user.id, csrfToken: 'c', createdAt: now, lastSeenAt: now, expiresAt: now + 86_400_000, publicId: 'pub-1' });
    const [session] = await db.select().from(sessions).where(eq(sessions.id, 'hash-1'));
    expect(session?.expiresAt).toBe(now + 86_400_000);
    expect(typeof session?.createdAt).toBe('number');
  });

  it('JSON keeps its keys in the order written, and doubles keep every bit', async () => {
    const project = await makeProject('JSON-1');
    const [outcome] = await db.insert(outcomes).values({ projectId: project.id, title: 'O', position: 1 }).returning();
    const [indicator] = await db
      .insert(indicators)
      .values({
        projectId: project.id,
        outcomeId: outcome!.id,
        title: 'I',
        measure: 'number',
        direction: 'up',
        aggregation: 'sum',
        frequency: 'annual',
        position: 1,
        baselineValue: 0.1 + 0.2,
      })
      .returning();
    expect(indicator?.disaggregations).toEqual([]);
    expect(indicator?.baselineValue).toBe(0.1 + 0.2);
    expect(indicator?.illustrative).toBe(false);

    const value = { zeta: 1, alpha: { b: 2, a: [1, 'x'] }, nul: 'a\u0000b' };
    await db.insert(settings).values({ key: 'order', value, updatedAt: new Date().toISOString() });
    const [read] = await db.select().from(settings).where(eq(settings.key, 'order'));
    expect(JSON.stringify(read?.value)).toBe(JSON.stringify(value));
  });

  it("file content comes back as a Buffer holding every byte as written, as from SQLite's blob", async () => {
    const data = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    await db.insert(schema.storedFiles).values({ storedName: 'a'.repeat(32), sha256: 'digest', size: data.length, data });
    const [read] = await db
      .select()
      .from(schema.storedFiles)
      .where(eq(schema.storedFiles.storedName, 'a'.repeat(32)));
    expect(Buffer.isBuffer(read?.data)).toBe(true);
    expect(read?.data.equals(data)).toBe(true);
    expect(read?.createdAt).toMatch(ISO_TIME);
  });

  it('a check refuses an indicator under both an outcome and an output', async () => {
    const project = await makeProject('CHK-1');
    const [outcome] = await db.insert(outcomes).values({ projectId: project.id, title: 'O', position: 1 }).returning();
    const [output] = await db.insert(schema.outputs).values({ projectId: project.id, outcomeId: outcome!.id, title: 'Out', position: 1 }).returning();
    const message = await refusal(() =>
      db.insert(indicators).values({
        projectId: project.id,
        outcomeId: outcome!.id,
        outputId: output!.id,
        title: 'I',
        measure: 'n',
        direction: 'up',
        aggregation: 'sum',
        frequency: 'annual',
        position: 1,
      }),
    );
    expect(message).toContain('indicators_one_parent');
  });

  it('attendance is one row per person and activity-wide entry: a second one without a sub-event is refused', async () => {
    const user = await makeUser('attendance@example.test');
    const project = await makeProject('ATT-1');
    const [outcome] = await db.insert(outcomes).values({ projectId: project.id, title: 'O', position: 1 }).returning();
    const [activity] = await db
      .insert(activities)
      .values({ projectId: project.id, outcomeId: outcome!.id, kind: 'event', title: 'A', status: 'planned', position: 1 })
      .returning();
    const [person] = await db.insert(registryPeople).values({ projectId: project.id, name: 'Farhod' }).returning();
    expect(person?.sectors).toEqual([]);
    const row = { projectId: project.id, activityId: activity!.id, personId: person!.id, date: '2025-03-01', createdBy: user.id };
    await db.insert(attendance).values(row);
    expect(await refusal(() => db.insert(attendance).values({ ...row, date: '2025-03-02' }))).toContain('attendance_unique_idx');
  });

  it('the consent record is append-only: no update, no delete, until its person is deleted', async () => {
    const project = await makeProject('CONS-1');
    const [person] = await db.insert(registryPeople).values({ projectId: project.id, name: 'Zarina' }).returning();
    const [consent] = await db
      .insert(registryConsents)
      .values({ personId: person!.id, kind: 'given', purpose: 'contact', noticeVersion: '1', date: '2025-01-10' })
      .returning();
    expect(consent?.recordedAt).toMatch(ISO_TIME);

    expect(await refusal(() => db.update(registryConsents).set({ purpose: 'other' }).where(eq(registryConsents.id, consent!.id)))).toContain(
      'append-only',
    );
    expect(await refusal(() => db.delete(registryConsents).where(eq(registryConsents.id, consent!.id)))).toContain('append-only');
    expect(await db.select().from(registryConsents).where(eq(registryConsents.id, consent!.id))).toHaveLength(1);

    await db.delete(registryPeople).where(eq(registryPeople.id, person!.id));
    expect(await db.select().from(registryConsents).where(eq(registryConsents.personId, person!.id))).toEqual([]);
  });
});
