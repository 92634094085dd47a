import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type Db } from '../../server/src/db/client';

/**
 * Migration 0009 lets an account have no language yet (users.locale becomes nullable):
 * checked on a database migrated up to 0008 holding accounts in each language and rows
 * of other tables that point at them, then brought up to date as the app does at start-up.
 */
const TAG = '0009_account-locale-optional';

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
  it('keeps every account with its language and everything that points at it; new accounts then start without one', async () => {
    const run = (sql: string, ...params: unknown[]) => Number(db.$client.prepare(sql).run(...params).lastInsertRowid);
    const user = (email: string, locale?: string) =>
      locale === undefined
        ? run("INSERT INTO users (email, name, role, password_hash) VALUES (?, 'U', 'partner', 'x')", email)
        : run("INSERT INTO users (email, name, role, locale, password_hash) VALUES (?, 'U', 'partner', ?, 'x')", email, locale);
    const accounts = {
      en: user('en@example.test', 'en'),
      ru: user('ru@example.test', 'ru'),
      tg: user('tg@example.test', 'tg'),
      // Made while the column defaulted to English: that stays its language.
      defaulted: user('default@example.test'),
    };
    const ru = accounts.ru;
    const project = run(
      `INSERT INTO projects (code, title, status, type, region, coverage, start_year, end_year, budget_minor, currency)
       VALUES ('M.9', 'P', 'ongoing', 'research', 'asia_oceania', 'national', 2025, 2026, 0, 'USD')`,
    );
    const outcome = run("INSERT INTO outcomes (project_id, title, position) VALUES (?, 'O', 1)", project);
    const activity = run(
      "INSERT INTO activities (project_id, outcome_id, kind, title, status, position) VALUES (?, ?, 'national_forum', 'A', 'planned', 1)",
      project,
      outcome,
    );
    // One row of each kind of link to users: cascade (memberships, sessions, two-factor), set null (audit), no action (comments).
    run('INSERT INTO project_members (project_id, user_id) VALUES (?, ?)', project, ru);
    run(
      "INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, public_id) VALUES ('s1', ?, 'c', 1, 1, 9999999999999, 'p1')",
      ru,
    );
    run("INSERT INTO user_totp (user_id, secret, enabled_at) VALUES (?, 'sealed', '2026-01-01T00:00:00.000Z')", ru);
    const audit = run("INSERT INTO audit_log (at, user_id, entity, entity_id, action) VALUES ('2026-01-01', ?, 'user', ?, 'update')", ru, ru);
    run("INSERT INTO comments (project_id, activity_id, user_id, body) VALUES (?, ?, ?, 'Noted')", project, activity, ru);
    const counts = () =>
      Object.fromEntries(
        ['users', 'project_members', 'sessions', 'user_totp', 'audit_log', 'comments'].map((t) => [
          t,
          (db.$client.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
        ]),
      );
    const before = counts();

    await migrateDatabase(db);

    const localeOf = (id: number) => (db.$client.prepare('SELECT locale FROM users WHERE id = ?').get(id) as { locale: string | null }).locale;
    expect(Object.fromEntries(Object.entries(accounts).map(([k, id]) => [k, localeOf(id)]))).toEqual({
      en: 'en',
      ru: 'ru',
      tg: 'tg',
      defaulted: 'en',
    });
    expect(counts()).toEqual(before);
    expect((db.$client.prepare('SELECT user_id AS u FROM audit_log WHERE id = ?').get(audit) as { u: number | null }).u).toBe(ru);
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
    expect(db.$client.prepare("SELECT name FROM sqlite_master WHERE name = 'users_email_unique'").get()).toBeDefined();

    const column = (db.$client.prepare('PRAGMA table_info(users)').all() as { name: string; notnull: number; dflt_value: unknown }[]).find(
      (c) => c.name === 'locale',
    );
    expect(column).toMatchObject({ notnull: 0, dflt_value: null });
    expect(localeOf(user('new@example.test'))).toBeNull();
    // The links still work: removing the account removes its sessions (ON DELETE CASCADE).
    db.$client.prepare('DELETE FROM comments WHERE user_id = ?').run(ru);
    db.$client.prepare('DELETE FROM users WHERE id = ?').run(ru);
    expect((db.$client.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n).toBe(0);
  });
});
