import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type Db } from '../../server/src/db/client';

/**
 * Migration 0008 turns an organisation's free-text contact into a link to a registry
 * person: checked on a database migrated up to 0007 holding free-text contacts, then
 * brought up to date as the app does at start-up.
 */
const TAG = '0008_org-contact-person';

let dir: string;
let db: Db;

/** A copy of the migrations folder that stops before the given migration. */
function migrationsBefore(tag: string): string {
  const folder = join(dir, 'migrations');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; idx: number }[] };
  const stop = journal.entries.findIndex((e) => e.tag === tag);
  expect(stop).toBeGreaterThan(0);
  const entries = journal.entries.slice(0, stop);
  for (const e of entries) copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hamkori-migration-'));
  db = openDatabase(join(dir, 'app.db'));
  migrate(db, { migrationsFolder: migrationsBefore(TAG) });
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`migration ${TAG}`, () => {
  it('links a free-text contact that names exactly one person of the project, drops the rest with the column', async () => {
    const run = (sql: string, ...params: unknown[]) => Number(db.$client.prepare(sql).run(...params).lastInsertRowid);
    const project = (code: string) =>
      run(
        `INSERT INTO projects (code, title, status, type, region, coverage, start_year, end_year, budget_minor, currency)
         VALUES (?, 'P', 'ongoing', 'research', 'asia_oceania', 'national', 2025, 2026, 0, 'USD')`,
        code,
      );
    const person = (projectId: number, name: string, erasedAt: string | null = null) =>
      run('INSERT INTO registry_people (project_id, name, erased_at) VALUES (?, ?, ?)', projectId, name, erasedAt);
    const organisation = (projectId: number, contact: string | null) =>
      run(
        "INSERT INTO registry_organisations (project_id, name, country, type, contact_person) VALUES (?, 'Org', 'RU', 'association', ?)",
        projectId,
        contact,
      );

    const p1 = project('M.1');
    const p2 = project('M.2');
    const firuza = person(p1, 'Firuza Karimova');
    person(p1, 'Twin Name');
    person(p1, 'Twin Name');
    person(p2, 'Umed Saidov');
    person(p1, 'Gone Person', '2026-01-01T00:00:00.000Z');

    const orgs = {
      exact: organisation(p1, 'Firuza Karimova'),
      padded: organisation(p1, '  Firuza Karimova '),
      caseDiffers: organisation(p1, 'firuza karimova'),
      twins: organisation(p1, 'Twin Name'),
      otherProject: organisation(p1, 'Umed Saidov'),
      erased: organisation(p1, 'Gone Person'),
      nobody: organisation(p1, 'Someone Unknown'),
      empty: organisation(p1, null),
    };

    await migrateDatabase(db);

    const contactOf = (id: number) =>
      (db.$client.prepare('SELECT contact_person_id AS c FROM registry_organisations WHERE id = ?').get(id) as { c: number | null }).c;
    expect(Object.fromEntries(Object.entries(orgs).map(([k, id]) => [k, contactOf(id)]))).toEqual({
      exact: firuza,
      padded: firuza,
      caseDiffers: null,
      twins: null,
      otherProject: null,
      erased: null,
      nobody: null,
      empty: null,
    });
    const columns = (db.$client.prepare('PRAGMA table_info(registry_organisations)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('contact_person_id');
    expect(columns).not.toContain('contact_person');

    // The link follows the person: deleting the record clears it (ON DELETE SET NULL).
    db.$client.prepare('DELETE FROM registry_consents WHERE person_id = ?').run(firuza);
    db.$client.prepare('DELETE FROM registry_people WHERE id = ?').run(firuza);
    expect(contactOf(orgs.exact)).toBeNull();
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
  });
});
