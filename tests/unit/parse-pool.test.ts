import { afterAll, describe, expect, it } from 'vitest';
import { PARSE_WORKER } from '../../server/src/core/import-limits';
import { createParsePool, ParseFailure, type ParsePool, type ParsePoolSettings } from '../../server/src/core/parse-pool';
import type { ParseJob } from '../../server/src/core/table-reader';
import { readTable } from '../../server/src/core/tabular';
import { farRightXlsx, inflationBombXlsx } from '../factories/spreadsheets';

const pools: ParsePool[] = [];
const poolWith = (settings: Partial<ParsePoolSettings>) => {
  const pool = createParsePool({ ...PARSE_WORKER, ...settings });
  pools.push(pool);
  return pool;
};
afterAll(() => Promise.all(pools.map((p) => p.close())));

const tableJob = (text: string, maxRows = 1_000_000): ParseJob => ({ kind: 'table', data: new Uint8Array(Buffer.from(text)), maxRows });
/** A CSV within every read limit that still needs far more than a few megabytes of heap to hold. */
const heavyCsv = () => `a,b,c,d,e\n${Array.from({ length: 190_000 }, (_, i) => `${i}aaaa,${i}bbbb,${i}cccc,${i}dddd,${i}eeee`).join('\n')}`;

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

// Each test starts worker threads, which takes a moment on a busy machine.
describe('the parse pool', { timeout: 60_000 }, () => {
  it('reads a table in a worker thread and answers a limit passed as the failure the reader stopped at', async () => {
    const pool = poolWith({});
    expect(await pool.run(tableJob('Name,Born\r\nZarina,1990\r\n'))).toEqual({ headers: ['Name', 'Born'], rows: [['Zarina', '1990']] });
    const stopped = await rejection(pool.run(tableJob('Name\r\n1\r\n2\r\n3\r\n', 2)));
    expect(stopped).toBeInstanceOf(ParseFailure);
    expect((stopped as ParseFailure).failure).toEqual({ reason: 'too_many_rows', max: 2 });
  });

  it('ends a worker that runs out of its heap, refuses that file with 413, and reads the next file in a new worker', async () => {
    const pool = poolWith({ maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 });
    const error = await rejection(pool.run(tableJob(heavyCsv())));
    expect(error).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', details: { rule: { code: 'import.too_complex' } } });
    expect(await pool.run(tableJob('Name\r\nSino\r\n'))).toEqual({ headers: ['Name'], rows: [['Sino']] });
  });

  it('ends a worker past its time and refuses that file with 413 naming the seconds allowed', async () => {
    const pool = poolWith({ timeoutMs: 1 });
    const error = await rejection(pool.run(tableJob(heavyCsv())));
    expect(error).toMatchObject({ status: 413, details: { rule: { code: 'import.too_complex', params: { seconds: 1 } } } });
  });

  it('reads at most `concurrent` files at once, lets `queued` more wait, and answers one more with 429 and Retry-After', async () => {
    const pool = poolWith({ concurrent: 1, queued: 1 });
    const jobs = [pool.run(tableJob('A\r\n1\r\n')), pool.run(tableJob('B\r\n2\r\n')), pool.run(tableJob('C\r\n3\r\n'))];
    const third = await rejection(jobs[2] as Promise<unknown>);
    expect(third).toMatchObject({ status: 429, code: 'RATE_LIMITED', headers: { 'Retry-After': '10' }, details: { rule: { code: 'import.busy' } } });
    expect(await Promise.all(jobs.slice(0, 2))).toEqual([
      { headers: ['A'], rows: [['1']] },
      { headers: ['B'], rows: [['2']] },
    ]);
    // The waiting place is free again.
    expect(await pool.run(tableJob('D\r\n4\r\n'))).toEqual({ headers: ['D'], rows: [['4']] });
  });
});

describe('readTable (the app pool)', { timeout: 60_000 }, () => {
  it('answers the limits with 413 and the rule, and an unreadable file with 400', async () => {
    await expect(readTable(await inflationBombXlsx(60 * 1024 * 1024, { lie: true }), 20_000)).rejects.toMatchObject({
      status: 413,
      details: { rule: { code: 'import.inflated_too_large', params: { maxMb: 50 } } },
    });
    await expect(readTable(Buffer.from(`Name\r\n${'x\r\n'.repeat(11)}`), 10)).rejects.toMatchObject({
      status: 413,
      message: 'The sheet has more than 10 rows; split it into files of at most that many rows',
      details: { rule: { code: 'import.too_many_rows', params: { max: 10 } } },
    });
    await expect(readTable(Buffer.from(`${Array.from({ length: 101 }, (_, i) => `c${i}`).join(',')}\r\n`), 10)).rejects.toMatchObject({
      status: 413,
      details: { rule: { code: 'import.too_many_columns', params: { max: 100 } } },
    });
    await expect(readTable(farRightXlsx(5).subarray(0, 300), 10)).rejects.toMatchObject({
      status: 400,
      details: { rule: { code: 'file.unreadable_spreadsheet' } },
    });
  });
});
