/** Load and timing measurements of a bench run (scripts/bench.ts), and the HTTP sessions they use. */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { Child } from './bench-servers';

/** How hard and how long each endpoint is driven. */
export type LoadOptions = { warmup: number; duration: number; connections: number };

/** Resident set size of a process, from /proc (Linux); null elsewhere. */
export function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

export type Session = { cookie: string; csrfToken: string };

export async function login(base: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${email}: ${res.status} ${await res.text()}`);
  // Login clears any old cookie, then sets the new one: keep the last value of each name.
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0] ?? '';
    const name = pair.slice(0, pair.indexOf('='));
    if (pair.endsWith('=')) jar.delete(name);
    else jar.set(name, pair);
  }
  const cookie = [...jar.values()].join('; ');
  const body = (await res.json()) as { csrfToken?: string };
  return { cookie, csrfToken: body.csrfToken ?? '' };
}

export async function getJson<T>(base: string, path: string, session: Session): Promise<T> {
  const res = await fetch(base + path, { headers: { cookie: session.cookie } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export type Endpoint = { name: string; paths: string[]; session: Session };
export type Measured = {
  name: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  kbPerRequest: number;
  /** Server CPU per request: unlike req/s, barely moved by other work on the machine. */
  cpuMsPerRequest: number | null;
};

function run(url: string, paths: string[], headers: Record<string, string>, seconds: number, connections: number) {
  return autocannon({
    url,
    connections,
    duration: seconds,
    headers,
    requests: paths.map((path) => ({ method: 'GET' as const, path })),
  });
}

export async function measure(
  name: string,
  server: Child,
  paths: string[],
  headers: Record<string, string>,
  args: LoadOptions,
  rssOf?: () => void,
): Promise<Measured> {
  if (args.warmup > 0) await run(server.url, paths, headers, args.warmup, args.connections);
  const sampler = rssOf ? setInterval(rssOf, 250) : null;
  const cpuBefore = cpuMs(server.process.pid);
  const r = await run(server.url, paths, headers, args.duration, args.connections);
  const cpuAfter = cpuMs(server.process.pid);
  if (sampler) clearInterval(sampler);
  const served = r.requests.total;
  return {
    cpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && served > 0 ? Math.round(((cpuAfter - cpuBefore) / served) * 100) / 100 : null,
    name,
    rps: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    kbPerRequest: r.requests.total > 0 ? Math.round((r.throughput.total / r.requests.total / 1024) * 10) / 10 : 0,
  };
}

/** Time of one request, ms, with its status and size; null when the route is not there (404). */
export async function timeOnce(base: string, path: string, session: Session) {
  const started = performance.now();
  const res = await fetch(base + path, { headers: { cookie: session.cookie } });
  const body = await res.arrayBuffer();
  const ms = Math.round(performance.now() - started);
  return { status: res.status, ms, kb: Math.round(body.byteLength / 1024) };
}
