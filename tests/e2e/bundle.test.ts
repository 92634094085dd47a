import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '@shared/locales';
import { DEFAULT_CLIENT_DIR } from '../../server/src/app';
import { CORE_SECTIONS, LATER_SECTIONS } from '../../scripts/vite-locale-sections';
import { startApp } from './harness';

/** What the first visit may cost on a slow phone connection: sign in, then the page one lands on. */
const FIRST_VISIT_BUDGET_GZIP = 200 * 1024;
const SIGN_IN = ['src/app/routes/auth/login.tsx', 'src/app/routes/app/root.tsx', 'src/app/routes/app/home.tsx'];
/** Where "/" leads after signing in: the portfolio, or the dashboard for donors. */
const LANDINGS = ['src/app/routes/app/projects/portfolio.tsx', 'src/app/routes/app/reports/dashboard.tsx'];

const ROOT = resolve(import.meta.dirname, '../..');

type Chunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
};
type Manifest = Record<string, Chunk>;

function readManifest(): Manifest {
  const path = join(DEFAULT_CLIENT_DIR, '.vite', 'manifest.json');
  if (!existsSync(path)) throw new Error('dist/client/.vite/manifest.json is missing: build the client (vite build, with build.manifest) first');
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** A chunk and everything it imports statically, i.e. what the browser must fetch before running it. */
function withStaticImports(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the Vite manifest`);
  into.add(key);
  for (const imported of chunk.imports ?? []) withStaticImports(manifest, imported, into);
  return into;
}

/** The entry and the given route chunks, with everything they import statically. */
function firstVisit(manifest: Manifest, routes: string[]): Set<string> {
  const [entryKey] = Object.entries(manifest).find(([, c]) => c.isEntry)!;
  const needed = withStaticImports(manifest, entryKey);
  for (const route of routes) withStaticImports(manifest, route, needed);
  return needed;
}

/** The manifest key of one part of a language's catalogue (see scripts/vite-locale-sections.ts). */
function catalogueKey(manifest: Manifest, locale: string, part: 'core' | 'rest'): string {
  const key = Object.keys(manifest).find((k) => k.endsWith(`locales/${locale}.json?${part}`));
  if (!key) throw new Error(`No ${part} chunk of the ${locale} catalogue in the manifest`);
  return key;
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(join(DEFAULT_CLIENT_DIR, file)), { level: 9 }).length;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

describe('The first visit on a slow connection', () => {
  it(`index.html loads the entry chunk the manifest names, and nothing but the entry's static imports`, () => {
    const manifest = readManifest();
    const html = readFileSync(join(DEFAULT_CLIENT_DIR, 'index.html'), 'utf8');
    const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
    expect(entry, 'the manifest has an entry').toBeDefined();
    const [entryKey, entryChunk] = entry!;
    expect(html).toContain(`src="/${entryChunk.file}"`);
    const eager = new Set([...withStaticImports(manifest, entryKey)].map((k) => `/${manifest[k]!.file}`));
    const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.filter((s) => !eager.has(s))).toEqual([]);
  });

  it('every page is its own chunk, loaded only when visited (routes are code-split)', () => {
    const manifest = readManifest();
    const [entryKey] = Object.entries(manifest).find(([, c]) => c.isEntry)!;
    const eager = withStaticImports(manifest, entryKey);
    const routeChunks = Object.keys(manifest).filter((k) => /^src\/app\/routes\/(app|auth)\//.test(k));
    expect(routeChunks.length).toBeGreaterThan(10);
    expect(routeChunks.filter((k) => eager.has(k))).toEqual([]);
    expect(routeChunks.filter((k) => !manifest[k]!.isDynamicEntry)).toEqual([]);
  });

  const visits = LOCALES.flatMap((locale) => LANDINGS.map((landing) => [locale, landing] as const));

  it.each(visits)(`sign-in in %s and then %s need at most ${kb(FIRST_VISIT_BUDGET_GZIP)} of gzipped JavaScript`, (locale, landing) => {
    const manifest = readManifest();
    for (const route of [SIGN_IN[0]!, SIGN_IN[1]!, LANDINGS[0]!]) expect(manifest[route], route).toBeDefined();
    if (manifest[landing] === undefined) return;
    const routes = [...SIGN_IN, landing].filter((r) => manifest[r] !== undefined);
    const needed = firstVisit(manifest, routes);
    // The first-screen texts of the user's language, fetched at start-up (never the others').
    withStaticImports(manifest, catalogueKey(manifest, locale, 'core'), needed);
    const sizes = [...needed].map((k) => ({ file: manifest[k]!.file, gzip: gzipSize(manifest[k]!.file) })).sort((a, b) => b.gzip - a.gzip);
    const total = sizes.reduce((n, s) => n + s.gzip, 0);
    const listing = sizes.map((s) => `${kb(s.gzip).padStart(9)}  ${s.file}`).join('\n');
    expect(total, `first visit is ${kb(total)} gzipped:\n${listing}`).toBeLessThanOrEqual(FIRST_VISIT_BUDGET_GZIP);
  });

  it('no language catalogue is part of the start-up code; each is cut into first-screen texts and the rest', () => {
    const manifest = readManifest();
    const eager = firstVisit(
      manifest,
      [...SIGN_IN, ...LANDINGS].filter((r) => manifest[r] !== undefined),
    );
    expect([...eager].filter((k) => k.includes('locales/'))).toEqual([]);
    for (const locale of LOCALES) {
      for (const part of ['core', 'rest'] as const)
        expect(manifest[catalogueKey(manifest, locale, part)]?.isDynamicEntry, `${locale} ${part}`).toBe(true);
    }
  });

  it(`the first screens use texts of the first-screen sections only (${CORE_SECTIONS.length} listed in scripts/vite-locale-sections.ts)`, () => {
    const manifest = readManifest();
    const en = JSON.parse(readFileSync(join(ROOT, 'client/src/locales/en.json'), 'utf8')) as Record<string, unknown>;
    const sections = new Set(Object.keys(en));
    // A later section is named by start-up code behind an i18n.exists() check (see LATER_SECTIONS).
    const core = new Set<string>([...CORE_SECTIONS, ...LATER_SECTIONS]);
    const eager = firstVisit(
      manifest,
      [...SIGN_IN, ...LANDINGS].filter((r) => manifest[r] !== undefined),
    );
    const outside = new Set<string>();
    for (const key of eager) {
      const code = readFileSync(join(DEFAULT_CLIENT_DIR, manifest[key]!.file), 'utf8');
      for (const m of code.matchAll(/["'`]([a-z][A-Za-z]*)\.[A-Za-z_$][\w.${}]*/g)) {
        if (sections.has(m[1]!) && !core.has(m[1]!)) outside.add(`${m[0].slice(1)} (${manifest[key]!.file})`);
      }
    }
    expect([...outside], 'add the section to CORE_SECTIONS, or move the key').toEqual([]);
  });
});

describe('Serving the built client', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  function get(
    path: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }> {
    return new Promise((resolve, reject) => {
      const req = request(`${app.baseUrl}${path}`, { headers }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('the entry chunk is sent gzipped, with a hashed name and an immutable one-year cache', async () => {
    const manifest = readManifest();
    const entry = Object.values(manifest).find((c) => c.isEntry)!;
    expect(entry.file).toMatch(/-[\w-]{8}\.js$/);
    const res = await get(`/${entry.file}`, { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.bytes).toBeLessThan(readFileSync(join(DEFAULT_CLIENT_DIR, entry.file)).length / 2);
  });

  it('index.html is revalidated on every visit, so a new release is picked up at once', async () => {
    const res = await get('/projects', { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});
