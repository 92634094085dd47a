import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertDurablePragmas, openDatabase, readPragmas, type Db } from '../../server/src/db/client';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hamkori-durability-'));
  db = openDatabase(join(dir, 'app.db'));
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('opens a file with WAL, foreign keys, synchronous FULL and a busy timeout of at least a second', () => {
    const p = readPragmas(db);
    expect(p.journalMode).toBe('wal');
    expect(p.foreignKeys).toBe(1);
    expect(p.synchronous).toBe(2);
    expect(p.busyTimeout).toBeGreaterThanOrEqual(1000);
    expect(() => assertDurablePragmas(db)).not.toThrow();
  });

  it('keeps WAL for the next connection, since journal_mode is stored in the file', () => {
    db.$client.close();
    db = openDatabase(join(dir, 'app.db'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('assertDurablePragmas', () => {
  it.each([
    ['synchronous = NORMAL', /synchronous is 1, expected 2/],
    ['foreign_keys = OFF', /foreign_keys is 0, expected 1/],
    ['busy_timeout = 10', /busy_timeout is 10, expected at least 1000/],
    ['journal_mode = DELETE', /journal_mode is delete, expected wal/],
  ])('refuses a connection with %s, naming the setting', (pragma, message) => {
    db.$client.pragma(pragma);
    expect(() => assertDurablePragmas(db)).toThrow(message);
  });
});
