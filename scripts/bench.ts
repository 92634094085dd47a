/**
 * Load test of the hot read endpoints on a large portfolio (issue 8). In one run on
 * loopback it starts a hello-world Express 5 server and Hamkori (createApp on the large
 * database), each in a child process of its own so the load generator does not share
 * their event loop, and drives each with autocannon. A ratio is endpoint rps ÷
 * hello-world rps in the same run, which takes the machine's speed out of the number.
 *
 *   npm run bench -- [--db ./data/bench.db] [--scale 1] [--duration 10] [--warmup 2] [--connections 10] [--no-gzip] [--no-response-cache]
 *                    [--engine postgres [--database-url postgres://…]]
 *
 * `--engine postgres` runs Hamkori on PostgreSQL (the URL from --database-url, else
 * BENCH_DATABASE_URL): an empty database there is filled first by copying the SQLite
 * portfolio (seeded if missing) with db:copy, so both engines serve the same data.
 *
 * Hamkori runs as `createApp` does by default, response cache included (decision 011):
 * the warm-up fills it, so the timed part measures answers that have not changed since.
 * `--no-response-cache` measures every request computed afresh (as after each write).
 *
 * The last line of output is one JSON object, for scripts to read.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getJson, login, measure, rssMb, timeOnce, type Endpoint, type Measured } from './lib/bench-measure';
import { coldStart, fillPostgres, serveHamkori, serveHello, startChild, stopChild } from './lib/bench-servers';

const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 25;

type Args = {
  db: string;
  /** Set with --engine postgres: Hamkori runs on this PostgreSQL database. */
  databaseUrl: string | null;
  scale: number;
  duration: number;
  warmup: number;
  connections: number;
  gzip: boolean;
  responseCache: boolean;
};

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const postgres = value('--engine') === 'postgres';
  const databaseUrl = value('--database-url') ?? process.env.BENCH_DATABASE_URL ?? null;
  if (postgres && !databaseUrl) throw new Error('--engine postgres needs --database-url postgres://… (or BENCH_DATABASE_URL)');
  return {
    db: resolve(value('--db') ?? './data/bench.db'),
    databaseUrl: postgres ? databaseUrl : null,
    scale: Number(value('--scale') ?? '1'),
    duration: Math.max(10, Number(value('--duration') ?? '10')),
    warmup: Number(value('--warmup') ?? '2'),
    connections: Number(value('--connections') ?? '10'),
    gzip: !argv.includes('--no-gzip'),
    responseCache: !argv.includes('--no-response-cache'),
  };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

async function main(args: Args) {
  if (!existsSync(args.db)) {
    console.log(`${args.db} does not exist: seeding it at scale ${args.scale} first`);
    const { seedLargeFile } = await import('./seed-large');
    const r = await seedLargeFile(args.db, args.scale, false);
    console.log(`Seeded ${r.projects} projects in ${(r.ms / 1000).toFixed(1)} s`);
  }
  const { DEMO_PASSWORD } = await import('../server/src/seed/demo');
  if (args.databaseUrl) await fillPostgres(args.db, args.databaseUrl);
  console.log(`Engine: ${args.databaseUrl ? 'PostgreSQL' : 'SQLite'}`);

  const coldStartMs = await coldStart(args.db, args.databaseUrl);
  console.log(`Cold start to first 200 on /api/health: ${coldStartMs} ms`);

  const hello = await startChild('--serve-hello', args.db);
  const hamkori = await startChild('--serve-hamkori', args.db, args.responseCache ? [] : ['--no-response-cache'], args.databaseUrl);
  const base = hamkori.url;
  try {
    const manager = await login(base, 'manager@example.org', DEMO_PASSWORD);
    const admin = await login(base, 'admin@example.org', DEMO_PASSWORD);

    // A synthetic project of the manager's, from the middle of the portfolio, and one of its edited activities.
    const list = await getJson<{ items: { id: number; code: string }[]; total: number }>(base, '/api/projects?q=SYN-00&pageSize=100', manager);
    const project = list.items[Math.floor(list.items.length / 2)];
    if (!project) throw new Error('The manager has no synthetic project: is this a seed:large database?');
    const activities = await getJson<{ id: number }[] | { items: { id: number }[] }>(base, `/api/projects/${project.id}/activities`, manager);
    const activityList = Array.isArray(activities) ? activities : activities.items;
    let historyActivity = activityList[0]?.id ?? 0;
    for (const a of activityList) {
      const h = await getJson<{ total: number }>(base, `/api/activities/${a.id}/history`, manager);
      if (h.total > 1) {
        historyActivity = a.id;
        break;
      }
    }
    const p = `/api/projects/${project.id}`;
    const endpoints: Endpoint[] = [
      { name: 'portfolio', paths: ['/api/projects?status=ongoing&page=1'], session: manager },
      { name: 'portfolio-admin', paths: ['/api/projects?status=ongoing&page=1'], session: admin },
      { name: 'project-overview', paths: [p, `${p}/activities`], session: manager },
      { name: 'results', paths: [`${p}/results`], session: manager },
      { name: 'budget', paths: [`${p}/budget`], session: manager },
      { name: 'timeline', paths: [`${p}/timeline`], session: manager },
      { name: 'activity-history', paths: [`/api/activities/${historyActivity}/history`], session: manager },
      { name: 'registry-summary', paths: [`/api/registry/summary?projectId=${project.id}`], session: manager },
    ];
    // Every endpoint must answer 200 before it is measured, or the numbers mean nothing.
    for (const e of endpoints) for (const path of e.paths) await getJson(base, path, e.session);

    const accept: Record<string, string> = args.gzip ? { 'accept-encoding': 'gzip' } : {};
    console.log(
      `Project ${project.code} (id ${project.id}); ${args.connections} connections, ${args.warmup} s warm-up, ${args.duration} s each${args.gzip ? ', gzip accepted' : ''}; response cache ${args.responseCache ? 'on' : 'off'}`,
    );
    const baseline = await measure('hello-world', hello, ['/hello'], accept, args);
    let peakRss = 0;
    const sampleRss = () => {
      peakRss = Math.max(peakRss, rssMb(hamkori.process.pid) ?? 0);
    };
    // Not a target: the floor any Hamkori route stands on (helmet, request log, compression, session lookup, tiny body).
    const floor = await measure('(floor: auth/me)', hamkori, ['/api/auth/me'], { ...accept, cookie: manager.cookie }, args);
    const results: Measured[] = [];
    for (const e of endpoints) {
      results.push(await measure(e.name, hamkori, e.paths, { ...accept, cookie: e.session.cookie }, args, sampleRss));
    }

    const exports: string[] = [];
    // Memory growth while the whole portfolio streams out: peak RSS during it, less RSS just before.
    const rssBeforeIati = rssMb(hamkori.process.pid) ?? 0;
    let rssDuringIati = rssBeforeIati;
    const iatiSampler = setInterval(() => {
      rssDuringIati = Math.max(rssDuringIati, rssMb(hamkori.process.pid) ?? 0);
    }, 100);
    const iati = await timeOnce(base, '/api/iati.xml', admin);
    clearInterval(iatiSampler);
    const iatiGrowthMb = rssDuringIati - rssBeforeIati;
    exports.push(
      iati.status === 404
        ? 'IATI export of the whole portfolio: skipped (GET /api/iati.xml is not there yet)'
        : `IATI export of the whole portfolio (admin): ${iati.ms} ms, ${iati.kb} KB, status ${iati.status}; server RSS grew ${iatiGrowthMb} MB`,
    );
    const pdf = await timeOnce(base, `${p}/export.pdf`, manager);
    exports.push(
      pdf.status === 404
        ? 'Project PDF: skipped (GET /api/projects/:id/export.pdf is not there yet)'
        : `Project PDF: ${pdf.ms} ms, ${pdf.kb} KB, status ${pdf.status}`,
    );

    console.log('');
    console.log(
      `${'endpoint'.padEnd(18)} ${pad('req/s', 7)} ${pad('ratio', 6)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('errors', 7)} ${pad('non2xx', 7)} ${pad('KB/req', 7)} ${pad('CPU ms/req', 10)}`,
    );
    for (const r of [baseline, floor, ...results]) {
      const ratio = r === baseline ? 1 : r.rps / baseline.rps;
      const miss = results.includes(r) && (ratio < TARGET_RATIO || r.p99Ms > TARGET_P99_MS || r.errors + r.non2xx > 0) ? '  <- misses target' : '';
      console.log(
        `${r.name.padEnd(18)} ${pad(r.rps, 7)} ${pad(ratio.toFixed(2), 6)} ${pad(r.p50Ms, 7)} ${pad(r.p99Ms, 7)} ${pad(r.errors, 7)} ${pad(r.non2xx, 7)} ${pad(r.kbPerRequest, 7)} ${pad(r.cpuMsPerRequest ?? '-', 10)}${miss}`,
      );
    }
    console.log('');
    for (const line of exports) console.log(line);
    console.log(`Cold start to first 200: ${coldStartMs} ms`);
    console.log(`Hamkori server RSS under load (peak): ${peakRss} MB`);

    const round2 = (x: number) => Math.round(x * 100) / 100;
    const summary = {
      baselineRps: baseline.rps,
      baselineCpuMsPerRequest: baseline.cpuMsPerRequest,
      floorRps: floor.rps,
      endpoints: Object.fromEntries(
        results.map((r) => [
          r.name,
          {
            rps: r.rps,
            p99Ms: r.p99Ms,
            ratio: round2(r.rps / baseline.rps),
            errors: r.errors,
            non2xx: r.non2xx,
            cpuMsPerRequest: r.cpuMsPerRequest,
          },
        ]),
      ),
      minRatio: round2(Math.min(...results.map((r) => r.rps / baseline.rps))),
      maxP99Ms: Math.max(...results.map((r) => r.p99Ms)),
      coldStartMs,
      peakRssMb: peakRss,
      iatiExportMs: iati.status === 200 ? iati.ms : null,
      iatiRssGrowthMb: iati.status === 200 ? iatiGrowthMb : null,
      responseCache: args.responseCache,
      engine: args.databaseUrl ? 'postgres' : 'sqlite',
      projectPdfMs: pdf.status === 200 ? pdf.ms : null,
    };
    console.log(JSON.stringify(summary));
  } finally {
    await stopChild(hello);
    await stopChild(hamkori);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const done = argv.includes('--serve-hello')
    ? serveHello()
    : argv.includes('--serve-hamkori')
      ? serveHamkori(args.db, args.responseCache)
      : main(args);
  done.catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
