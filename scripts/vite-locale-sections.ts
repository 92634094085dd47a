import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

/**
 * Top-level sections of a catalogue that the first screens need: sign-in, the app's shell
 * and header, the portfolio and the donor dashboard. They come with the start-up code;
 * every other section follows in the background (see client/src/lib/i18n.ts), so a
 * first visit over a slow connection does not wait for the texts of every feature.
 * The bundle test fails when a first screen uses a key of a section not listed here.
 */
export const CORE_SECTIONS = [
  'app',
  'languages',
  'shell',
  'common',
  'conflict',
  'connection',
  'errors',
  'validation',
  'notFound',
  'auth',
  'enums',
  'projects',
  'dashboard',
  'reports',
  'iati',
  'security',
] as const;

/**
 * Sections the start-up code names but the first screens never show, so they come with
 * the rest: `issues`, the texts of the rules a save is refused by (client/src/lib/errors.ts),
 * which appear after a failed save on a page that waits for the rest anyway. Should one
 * be needed before the rest has arrived, the helper asks i18n whether the text is there
 * and says the error's generic sentence (or the server's English) instead.
 */
export const LATER_SECTIONS = ['issues'] as const;

const PREFIX = '\0locale-sections:';

/**
 * `import('…/ru.json?core')` gives the core sections of the Russian catalogue and
 * `?rest` all the others, as two chunks of the build. The dev server and the component
 * tests get the whole catalogue at once from `?core` (and nothing more from `?rest`),
 * so no screen ever waits there for texts that come later.
 */
export function localeSections(): Plugin {
  const files = new Map<string, string>();
  let split = false;
  return {
    name: 'hamkori-locale-sections',
    enforce: 'pre',
    configResolved(config) {
      split = config.command === 'build';
    },
    async resolveId(source, importer) {
      const match = /(?:^|\/)locales\/([a-z]{2})\.json\?(core|rest)$/.exec(source);
      if (!match) return null;
      const resolved = await this.resolve(source.slice(0, source.indexOf('?')), importer, { skipSelf: true });
      if (!resolved) return null;
      const id = `${PREFIX}locales/${match[1]}.json?${match[2]}`;
      files.set(id, resolved.id);
      return id;
    },
    async load(id) {
      const file = files.get(id);
      if (!file) return null;
      this.addWatchFile(file);
      const catalogue = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      const core = new Set<string>(CORE_SECTIONS);
      const wantCore = id.endsWith('?core');
      const picked = split
        ? Object.fromEntries(Object.entries(catalogue).filter(([section]) => core.has(section) === wantCore))
        : wantCore
          ? catalogue
          : {};
      // JSON.parse of a string literal is faster to start than the same object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(picked))});`;
    },
  };
}
