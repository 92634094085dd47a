import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, listBackups, startBackupSchedule } from '../../server/src/db/backup';
import { openDatabase, type Db } from '../../server/src/db/client';
import { createLogger } from '../../server/src/http/logging';
import { makeOutcome, makeProject, makeUser } from '../factories';
import { startTestApp, type ApiClient, type TestApp } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');

type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs one of the CLI scripts the way `npm run backup|restore` does, against databasePath. */
function runCli(script: 'backup' | 'restore', args: string[], databasePath: string): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, `server/src/cli/${script}.ts`), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((res, rej) => {
    child.once('error', rej);
    child.once('close', (code) => {
      clearTimeout(timer);
      res({ code, stdout, stderr });
    });
  });
}

const count = (db: Db, table: string) => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

let app: TestApp;
let manager: ApiClient;
let dir: string;
let projectId: number;
let outcomeId: number;

beforeAll(async () => {
  app = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'hamkori-backup-'));
  const user = await makeUser(app.db, { role: 'manager' });
  const project = await makeProject(app.db, { memberIds: [user.id] });
  projectId = project.id;
  outcomeId = (await makeOutcome(app.db, project.id)).id;
  manager = await app.login(user.email);
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Creates activities over HTTP, three at a time, until stopped; returns how many it made. */
function startWriteLoop() {
  let running = true;
  let made = 0;
  const loop = (async () => {
    while (running) {
      const results = await Promise.all(
        [0, 1, 2].map(() => manager.post(`/projects/${projectId}/activities`, { outcomeId, kind: 'study_tour', title: 'Loop' })),
      );
      for (const r of results) {
        if (r.status !== 201) throw new Error(`write loop: ${r.status} ${r.text}`);
        made++;
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return made;
    },
  };
}

describe('npm run backup and npm run restore', () => {
  it('back up while writes stream in, then restore a consistent snapshot into a fresh path', async () => {
    const liveDb = app.db.$client.name;
    const loop = startWriteLoop();
    while (count(app.db, 'activities') < 150) await new Promise((r) => setTimeout(r, 20));

    const out = join(dir, 'online.db');
    const before = count(app.db, 'activities');
    const backup = await runCli('backup', ['--out', out], liveDb);
    const after = count(app.db, 'activities');
    const made = await loop.stop();

    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('integrity_check: ok');
    expect(backup.stdout).toMatch(/activities\s+\d+/);
    expect(after, 'the writes went on while the backup ran').toBeGreaterThan(before);
    expect(made).toBeGreaterThan(0);

    const fresh = join(dir, 'fresh', 'restored.db');
    const restore = await runCli('restore', [out], fresh);
    expect(restore.code, restore.stderr).toBe(0);
    expect(existsSync(`${fresh}.before-restore`)).toBe(false);

    const restored = openDatabase(fresh);
    try {
      expect(restored.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = count(restored, 'activities');
      expect(rows).toBeGreaterThanOrEqual(before);
      expect(rows).toBeLessThanOrEqual(after);
      // One snapshot: each activity came with its audit row in one transaction, so the counts match.
      const audited = restored.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'activity' AND action = 'create'").get() as {
        n: number;
      };
      expect(audited.n).toBe(rows);
    } finally {
      restored.$client.close();
    }
  });

  it('restore refuses a database the running app has open, and leaves it alone', async () => {
    const out = join(dir, 'for-refusal.db');
    await backupDatabase(app.db.$client, out);
    const rowsBefore = count(app.db, 'activities');

    const res = await runCli('restore', [out], app.db.$client.name);

    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/in use/);
    expect(existsSync(`${app.db.$client.name}.before-restore`)).toBe(false);
    expect(count(app.db, 'activities')).toBe(rowsBefore);
    expect((await manager.get('/auth/me')).status).toBe(200);
  });

  it('restore over a stopped database keeps the old file as <db>.before-restore, and will not overwrite that', async () => {
    const out = join(dir, 'to-restore.db');
    await backupDatabase(app.db.$client, out);
    const target = join(dir, 'stopped', 'app.db');
    const stopped = openDatabase(target);
    stopped.$client.exec('CREATE TABLE marker (x); INSERT INTO marker VALUES (42);');
    stopped.$client.close();

    const first = await runCli('restore', [out], target);
    expect(first.code, first.stderr).toBe(0);
    const kept = openDatabase(`${target}.before-restore`);
    expect(kept.$client.prepare('SELECT x FROM marker').get()).toEqual({ x: 42 });
    kept.$client.close();
    const now = openDatabase(target);
    expect(count(now, 'activities')).toBe(count(app.db, 'activities'));
    now.$client.close();

    const second = await runCli('restore', [out], target);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/before-restore is left from an earlier restore/);
  });

  it('restore refuses a damaged backup before touching the database', async () => {
    const good = join(dir, 'good.db');
    await backupDatabase(app.db.$client, good);
    const target = join(dir, 'untouched', 'app.db');
    const res0 = await runCli('restore', [good], target);
    expect(res0.code, res0.stderr).toBe(0);

    const damaged = join(dir, 'damaged.db');
    copyFileSync(good, damaged);
    // Pages 3 and 4 overwritten, header intact: the file still opens, its b-trees do not add up.
    const bytes = readFileSync(damaged);
    bytes.fill(0xab, 2 * 4096, 4 * 4096);
    writeFileSync(damaged, bytes);
    const res = await runCli('restore', [damaged], target);

    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/integrity_check|malformed/);
    expect(existsSync(`${target}.before-restore`)).toBe(false);
    const db = openDatabase(target);
    expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    db.$client.close();
    expect(readdirSync(join(dir, 'untouched')).filter((f) => f.includes('restoring'))).toEqual([]);
  });
});

describe('automatic backups', () => {
  it('back up at start when none is recent, and keep only the newest BACKUP_KEEP', async () => {
    const folder = join(dir, 'auto');
    const schedule = startBackupSchedule({ db: app.db, dir: folder, intervalHours: 24, keep: 3, logger: createLogger({ level: 'silent' }) });
    try {
      await expect.poll(() => listBackups(folder).length, { timeout: 5_000 }).toBe(1);
      writeFileSync(join(folder, 'notes.txt'), 'not a backup');
      const made: string[] = [...listBackups(folder)];
      for (let i = 0; i < 4; i++) {
        const report = await schedule.runNow();
        expect(report).not.toBeNull();
        made.push(report?.path ?? '');
      }
      expect(listBackups(folder)).toEqual(made.slice(-3));
      expect(existsSync(join(folder, 'notes.txt'))).toBe(true);
    } finally {
      await schedule.stop();
    }
  });

  it('wait for the interval after the newest backup in the folder', async () => {
    const folder = join(dir, 'recent');
    await backupDatabase(app.db.$client, join(folder, 'hamkori-20200101T000000000Z.db'));
    const schedule = startBackupSchedule({ db: app.db, dir: folder, intervalHours: 24, keep: 3, logger: createLogger({ level: 'silent' }) });
    await new Promise((r) => setTimeout(r, 300));
    await schedule.stop();
    expect(listBackups(folder)).toHaveLength(1);
  });
});
