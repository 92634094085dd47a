/**
 * Import benchmark (issue 13, decision 013). Builds a realistic diaspora survey of
 * 10,000 rows and 14 columns as XLSX (written by a spreadsheet library: shared strings,
 * numbers, dates, hyperlinked emails) and as CSV, and one of 20,000 rows (the survey's
 * row limit), then in a child process running the app:
 *   - reads each file in the parse worker (rows/s, the worker's heap after the read, the
 *     server's peak RSS while reading),
 *   - sends each 10,000-row file to POST /api/registry/import?dryRun=1 while asking
 *     GET /api/auth/me every 20 ms (the longest wait of those shows whether anyone was held up),
 *   - sends the hostile files of the API tests and times their refusals.
 *
 *   npm run bench:import
 *
 * The last line of output is one JSON object, for scripts to read.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const SURVEY_ROWS = 10_000;
const LIMIT_ROWS = 20_000;

// --- The child: the app, on a demo database, answering HTTP and the parent's read requests.

type ReadRequest = { id: number; data: Uint8Array; maxRows: number };
type ReadReply = { id: number; ms: number; rows: number; workerHeapUsedMb: number; workerHeapTotalMb: number; error?: string };

async function serve(dir: string) {
  const { createApp } = await import('../server/src/app');
  const { migrateDatabase, openDatabase } = await import('../server/src/db/client');
  const { seedDemo } = await import('../server/src/seed/demo');
  const { readTable } = await import('../server/src/core/tabular');
  const { parsePool } = await import('../server/src/core/parse-pool');
  const db = openDatabase(join(dir, 'bench.db'));
  await migrateDatabase(db);
  await seedDemo(db);
  const app = createApp({ db, clientDir: null, uploadsDir: join(dir, 'uploads') });
  const server = app.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
  process.on('message', (message: ReadRequest | 'stop') => {
    if (message === 'stop') {
      server.closeAllConnections();
      server.close(() => process.exit(0));
      return;
    }
    void (async () => {
      const started = performance.now();
      const reply: ReadReply = { id: message.id, ms: 0, rows: 0, workerHeapUsedMb: 0, workerHeapTotalMb: 0 };
      try {
        reply.rows = (await readTable(Buffer.from(message.data), message.maxRows)).rows.length;
      } catch (error) {
        reply.error = error instanceof Error ? error.message : String(error);
      }
      reply.ms = performance.now() - started;
      const heap = parsePool.lastWorkerHeap();
      reply.workerHeapUsedMb = mb(heap.usedBytes);
      reply.workerHeapTotalMb = mb(heap.totalBytes);
      process.send?.(reply);
    })();
  });
}

// --- The parent: builds the files, drives the child, prints the numbers.

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Resident set size of a process (all its threads), from /proc (Linux); null elsewhere. */
function rssOf(pid: number): { rssMb: number } | null {
  try {
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { rssMb: Math.round(kb / 1024) };
  } catch {
    return null;
  }
}

/**
 * CPU time (user + system, ms, 10 ms steps) of a process's main thread, from /proc
 * (Linux); null elsewhere. What the main thread spends is what other requests wait for,
 * and unlike wall time it barely moves with other work on the machine.
 */
function mainThreadCpuMs(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = (readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const FIRST = [
  'Farhod',
  'Zarina',
  'Rustam',
  'Malika',
  'Sino',
  'Parvina',
  'Davron',
  'Gulnora',
  'Anvar',
  'Nilufar',
  'Umed',
  'Shahnoza',
  'Firuz',
  'Mehrona',
];
const LAST = ['Sharipov', 'Rahimova', 'Qodirov', 'Odinaeva', 'Boboev', 'Yusufova', 'Latipov', 'Nazarova', 'Karimov', 'Saidova'];
const COUNTRIES = [
  ['Россия', 'Moscow'],
  ['Kazakhstan', 'Almaty'],
  ['TR', 'Istanbul'],
  ['United States', 'New York'],
  ['Германия', 'Berlin'],
  ['UAE', 'Dubai'],
] as const;
const SECTORS = ['construction; IT', 'education', 'health', 'trade; logistics', 'agriculture', ''];
const LANGUAGES = ['Tajik, Russian', 'Tajik, Russian, English', 'ru', 'Tajik, Turkish', 'tg, de'];
const HEADER = [
  'Full name',
  'Sex',
  'Year of birth',
  'Country',
  'City',
  'Email',
  'Phone',
  'Sectors',
  'Languages',
  'Organisation',
  'Occupation',
  'Years abroad',
  'Consent',
  'Consent date',
];

type SurveyRow = (string | number | Date | { text: string; hyperlink: string })[];

function surveyRow(i: number): SurveyRow {
  const [country, city] = COUNTRIES[i % COUNTRIES.length] as (typeof COUNTRIES)[number];
  const email = `person.${i}@example.org`;
  return [
    `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]} ${i}`,
    i % 3 === 0 ? 'ж' : i % 3 === 1 ? 'male' : 'F',
    1960 + (i % 45),
    country,
    city,
    i % 4 === 0 ? { text: email, hyperlink: `mailto:${email}` } : email,
    `+992 90 ${String(1_000_000 + i).slice(1)}`,
    SECTORS[i % SECTORS.length] as string,
    LANGUAGES[i % LANGUAGES.length] as string,
    i % 5 === 0 ? 'Tajik Students Union Istanbul' : '',
    i % 2 ? 'Engineer' : 'Teacher',
    1 + (i % 20),
    i % 10 === 0 ? 'no' : 'yes',
    new Date(Date.UTC(2026, i % 12, 1 + (i % 28))),
  ];
}

async function surveyXlsx(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Survey');
  sheet.addRow(HEADER);
  for (let i = 0; i < rows; i++) sheet.addRow(surveyRow(i));
  sheet.getColumn(14).numFmt = 'dd.mm.yyyy';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function surveyCsv(rows: number): Buffer {
  const field = (v: SurveyRow[number]) => {
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' ? v.text : String(v);
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [HEADER.join(',')];
  for (let i = 0; i < rows; i++) lines.push(surveyRow(i).map(field).join(','));
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

type Child = { process: ChildProcess; url: string };

function startChild(dir: string): Promise<Child> {
  const child = fork(import.meta.filename, ['--serve', dir], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ process: child, url: `http://127.0.0.1:${m.port}` }));
    child.once('exit', (code) => reject(new Error(`the app exited with ${code}`)));
  });
}

let nextId = 1;
/** Asks the child to read a file in its parse worker, sampling the child's RSS meanwhile. */
async function readInChild(child: Child, data: Buffer, maxRows: number) {
  const id = nextId++;
  const pid = child.process.pid as number;
  let peakRssMb = 0;
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, rssOf(pid)?.rssMb ?? 0);
  }, 5);
  const reply = await new Promise<ReadReply>((resolve) => {
    const onMessage = (m: ReadReply) => {
      if (m.id !== id) return;
      child.process.off('message', onMessage);
      resolve(m);
    };
    child.process.on('message', onMessage);
    child.process.send({ id, data: new Uint8Array(data), maxRows } satisfies ReadRequest);
  });
  clearInterval(sampler);
  if (reply.error) throw new Error(`reading failed: ${reply.error}`);
  return { ...reply, peakRssMb: Math.max(peakRssMb, rssOf(pid)?.rssMb ?? 0), rowsPerSecond: Math.round(reply.rows / (reply.ms / 1000)) };
}

type Session = { cookie: string; csrfToken: string };

async function login(base: string): Promise<Session> {
  const { DEMO_PASSWORD } = await import('../server/src/seed/demo');
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'manager@example.org', password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
  return { cookie, csrfToken: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Sends a file to the survey import's dry run, asking /api/auth/me every 20 ms and sampling the server's RSS meanwhile. */
async function importWhileProbing(child: Child, session: Session, path: string, data: Buffer, name: string) {
  const base = child.url;
  let peakRssMb = 0;
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, rssOf(child.process.pid as number)?.rssMb ?? 0);
  }, 5);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const cpuBefore = mainThreadCpuMs(child.process.pid as number);
  const started = performance.now();
  let done = false;
  const probes: number[] = [];
  const probing = (async () => {
    while (!done) {
      const t = performance.now();
      const res = await fetch(`${base}/api/auth/me`, { headers: { cookie: session.cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`auth/me answered ${res.status}`);
      probes.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const res = await fetch(base + path, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken }, body: form });
  const body = (await res.json()) as { totals?: { rows: number }; error?: { code: string; details?: { rule?: { code: string } } } };
  const ms = performance.now() - started;
  done = true;
  await probing;
  clearInterval(sampler);
  const cpuAfter = mainThreadCpuMs(child.process.pid as number);
  return {
    status: res.status,
    ms: Math.round(ms),
    rows: body.totals?.rows ?? null,
    rule: body.error?.details?.rule?.code ?? null,
    probes: probes.length,
    probeMaxMs: Math.round(Math.max(0, ...probes)),
    peakRssMb,
    mainThreadCpuMs: cpuBefore === null || cpuAfter === null ? null : Math.round(cpuAfter - cpuBefore),
  };
}

async function main() {
  const { farRightXlsx, inflationBombXlsx, manyRowsXlsx } = await import('../tests/factories/spreadsheets');
  console.log(`Building a ${SURVEY_ROWS.toLocaleString('en')}-row survey (XLSX and CSV) and a ${LIMIT_ROWS.toLocaleString('en')}-row one…`);
  const files = {
    xlsx10k: await surveyXlsx(SURVEY_ROWS),
    csv10k: surveyCsv(SURVEY_ROWS),
    xlsx20k: await surveyXlsx(LIMIT_ROWS),
  };
  const dir = mkdtempSync(join(tmpdir(), 'hamkori-bench-import-'));
  const child = await startChild(dir);
  try {
    const pid = child.process.pid as number;
    const idle = rssOf(pid);
    // The first read starts the worker; it is not part of any file's time.
    await readInChild(child, Buffer.from('Name\r\nZarina\r\n'), 10);
    const reads: Record<string, Awaited<ReturnType<typeof readInChild>> & { fileKb: number }> = {};
    for (const [name, data] of Object.entries(files)) {
      // Twice: the first read of a kind also compiles the reader's code in the worker.
      await readInChild(child, data, LIMIT_ROWS);
      reads[name] = { ...(await readInChild(child, data, LIMIT_ROWS)), fileKb: Math.round(data.length / 1024) };
      const r = reads[name];
      console.log(
        `read ${name.padEnd(8)} ${String(r.fileKb).padStart(6)} KB  ${String(r.rows).padStart(6)} rows  ${String(Math.round(r.ms)).padStart(5)} ms  ${String(r.rowsPerSecond).padStart(7)} rows/s  worker heap ${r.workerHeapUsedMb} MB used / ${r.workerHeapTotalMb} MB  server RSS peak ${r.peakRssMb} MB`,
      );
    }

    const session = await login(child.url);
    const projects = await (await fetch(`${child.url}/api/projects`, { headers: { cookie: session.cookie } })).json();
    const projectId = (projects as { items: { id: number }[] }).items[0]?.id;
    const path = `/api/registry/import?projectId=${projectId}&dryRun=1`;
    const imports = {
      xlsx10k: await importWhileProbing(child, session, path, files.xlsx10k, 'survey.xlsx'),
      csv10k: await importWhileProbing(child, session, path, files.csv10k, 'survey.csv'),
      farRight2000: await importWhileProbing(child, session, path, farRightXlsx(2_000), 'far-right.xlsx'),
      bomb200Mb: await importWhileProbing(child, session, path, await inflationBombXlsx(200 * 1024 * 1024, { lie: true }), 'bomb.xlsx'),
      rows20001: await importWhileProbing(child, session, path, manyRowsXlsx(20_001), 'rows.xlsx'),
    };
    for (const [name, r] of Object.entries(imports)) {
      console.log(
        `dry-run ${name.padEnd(12)} ${r.status} ${(r.rule ?? `${r.rows} rows`).padEnd(26)} ${String(r.ms).padStart(5)} ms  main thread ${r.mainThreadCpuMs} ms CPU  auth/me meanwhile: ${r.probes} answered, slowest ${r.probeMaxMs} ms  server RSS peak ${r.peakRssMb} MB`,
      );
    }
    const after = rssOf(pid);
    const peak = Math.max(...Object.values(reads).map((r) => r.peakRssMb), ...Object.values(imports).map((r) => r.peakRssMb));
    console.log(`server RSS idle ${idle?.rssMb} MB, after ${after?.rssMb} MB, highest while reading and importing ${peak} MB`);
    console.log(JSON.stringify({ reads, imports, serverRssMb: { idle: idle?.rssMb ?? null, after: after?.rssMb ?? null, peak } }));
  } finally {
    child.process.send('stop');
    await new Promise((resolve) => child.process.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') await serve(process.argv[3] as string);
else await main();
