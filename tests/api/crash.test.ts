import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../server/src/db/client';
import { makeOutcome, makeProject, makeUser, TEST_PASSWORD } from '../factories';

const ROOT = resolve(import.meta.dirname, '../..');
const WRITER = join(ROOT, 'tests/support/crash-writer.ts');
const KILLS = 20;
/** Longest a child may take to start and commit its first write before the test gives up. */
const FIRST_WRITE_MS = 20_000;

/** A small seeded generator, so a failing run can be replayed with CRASH_SEED. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
const random = mulberry32(seed);

let dir: string;
let dbPath: string;
let childEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hamkori-crash-'));
  dbPath = join(dir, 'crash.db');
  const db = openDatabase(dbPath);
  await migrateDatabase(db);
  const manager = await makeUser(db, { role: 'manager' });
  const project = await makeProject(db, { memberIds: [manager.id] });
  const outcome = await makeOutcome(db, project.id);
  db.$client.close();
  childEnv = {
    ...process.env,
    CRASH_DB: dbPath,
    CRASH_EMAIL: manager.email,
    CRASH_PASSWORD: TEST_PASSWORD,
    CRASH_PROJECT_ID: String(project.id),
    CRASH_OUTCOME_ID: String(outcome.id),
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Round = { activities: number[]; comments: number[]; session?: string; stderr: string };

/**
 * Starts the writer and kills it with SIGKILL: either `afterFirstWriteMs` after its first
 * committed write, or `afterSpawnMs` after it was started (then possibly mid-start-up:
 * opening, recovering the WAL, migrating). Collects every id it reported before dying.
 */
function runAndKill(kill: { afterFirstWriteMs: number } | { afterSpawnMs: number }): Promise<Round> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const round: Round = { activities: [], comments: [], stderr: '' };
  let buffered = '';
  let killTimer: NodeJS.Timeout | undefined;
  const killNow = () => child.kill('SIGKILL');
  const armKill = (ms: number) => {
    killTimer ??= setTimeout(killNow, ms);
  };
  if ('afterSpawnMs' in kill) armKill(kill.afterSpawnMs);
  const giveUp = setTimeout(killNow, FIRST_WRITE_MS);

  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    // Only whole lines count: a line cut by the kill was not reported.
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const [kind, a, b] = line.split(' ');
      if (kind === 'activity') round.activities.push(Number(a));
      else if (kind === 'comment') round.comments.push(Number(a));
      else if (kind === 'session') round.session = `${a} ${b}`;
      if ((kind === 'activity' || kind === 'comment') && 'afterFirstWriteMs' in kill) {
        clearTimeout(giveUp);
        armKill(kill.afterFirstWriteMs);
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (round.stderr += chunk));

  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(giveUp);
      clearTimeout(killTimer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer ended by itself (code ${code}, seed ${seed}): ${round.stderr}`));
        return;
      }
      if ('afterFirstWriteMs' in kill && round.activities.length === 0) {
        reject(new Error(`writer made no write within ${FIRST_WRITE_MS} ms (seed ${seed}): ${round.stderr}`));
        return;
      }
      resolvePromise(round);
    });
  });
}

describe('a server killed with SIGKILL mid-write', () => {
  it(`loses no committed write and leaves a sound database, over ${KILLS} kills`, { timeout: 120_000 }, async () => {
    const activities: number[] = [];
    const comments: number[] = [];
    for (let i = 0; i < KILLS; i++) {
      // Most kills land while writes stream; every fourth lands anywhere from start-up on.
      const kill = i % 4 === 3 ? { afterSpawnMs: 100 + Math.floor(random() * 900) } : { afterFirstWriteMs: Math.floor(random() * 250) };
      const round = await runAndKill(kill);
      if (round.session) childEnv.CRASH_SESSION = round.session;
      activities.push(...round.activities);
      comments.push(...round.comments);
    }
    expect(activities.length, `seed ${seed}`).toBeGreaterThan(KILLS);

    const db = openDatabase(dbPath);
    try {
      expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.$client.pragma('foreign_key_check')).toEqual([]);
      const present = (table: string) => new Set((db.$client.prepare(`SELECT id FROM ${table}`).all() as { id: number }[]).map((r) => r.id));
      const audited = (entity: string) =>
        new Set(
          (
            db.$client.prepare("SELECT entity_id AS id FROM audit_log WHERE entity = ? AND action = 'create'").all(entity) as {
              id: number;
            }[]
          ).map((r) => r.id),
        );
      const [storedActivities, storedComments] = [present('activities'), present('comments')];
      const [auditedActivities, auditedComments] = [audited('activity'), audited('comment')];
      expect(
        activities.filter((id) => !storedActivities.has(id)),
        `lost activities (seed ${seed})`,
      ).toEqual([]);
      expect(
        comments.filter((id) => !storedComments.has(id)),
        `lost comments (seed ${seed})`,
      ).toEqual([]);
      // The audit row is written in the same transaction: all or nothing, never one without the other.
      expect(
        [...storedActivities].filter((id) => !auditedActivities.has(id)),
        'activities without their audit row',
      ).toEqual([]);
      expect(
        [...auditedActivities].filter((id) => !storedActivities.has(id)),
        'audit rows without their activity',
      ).toEqual([]);
      expect(
        [...storedComments].filter((id) => !auditedComments.has(id)),
        'comments without their audit row',
      ).toEqual([]);
    } finally {
      db.$client.close();
    }
  });
});
