import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import checkFile from 'eslint-plugin-check-file';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The rules that keep the architecture: the import boundaries of ARCHITECTURE.md, no
 * import cycles, kebab-case file and folder names, and the rules of hooks. Paths are resolved (tsconfig
 * aliases included), so a rule holds whether a file imports `@/features/x`, `../x` or
 * `@shared/…`. tests/unit/lint-boundaries.test.ts proves that each rule fires.
 */

const ROOT = import.meta.dirname;

function featuresOf(dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

/** A feature imports no other feature: what two features share lives in a layer below both. */
function featureZones(dir) {
  return featuresOf(dir).map((feature) => ({
    target: `./${dir}/${feature}`,
    from: `./${dir}`,
    except: [`./${feature}`],
    message: `A feature never imports another feature: move what ${feature} needs into a layer below the features.`,
  }));
}

const zones = [
  ...featureZones('server/src/features'),
  ...featureZones('client/src/features'),
  {
    target: './server/src/core',
    from: ['./server/src/http', './server/src/features', './server/src/app.ts', './server/src/index.ts'],
    message: 'core/ sits below the web layer and the features: it never imports http/, a feature or the app.',
  },
  {
    target: './server/src/db',
    from: ['./server/src/features', './server/src/http', './server/src/app.ts'],
    message: 'db/ sits below everything that uses it: it never imports a feature, http/ or the app.',
  },
  {
    target: './server/src/repositories',
    from: ['./server/src/features', './server/src/http', './server/src/app.ts'],
    message: 'The shared repositories sit below the features: they never import a feature, http/ or the app.',
  },
  {
    target: './shared',
    from: ['./server', './client', './scripts', './tests'],
    message: 'shared/ runs on both sides: it imports nothing of the server, the client or the tests.',
  },
  {
    target: './client',
    from: ['./server', './scripts'],
    message: 'The client never imports the server: what both need lives in shared/.',
  },
  {
    target: './server',
    from: ['./client', './tests'],
    message: 'The server never imports the client or the tests.',
  },
];

/** What shared/ may not import, as the import is written: platform and framework packages. */
const SHARED_FORBIDDEN = [
  'node:*',
  'express',
  'express/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'better-sqlite3',
  'pg',
  '@electric-sql/*',
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'react-router',
  'react-router-dom',
  '@tanstack/*',
];

const SOURCES = ['server/**/*.ts', 'client/src/**/*.{ts,tsx}', 'shared/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.{ts,tsx}'];

export const architecture = [
  {
    files: SOURCES,
    languageOptions: { parser: tseslint.parser },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: join(ROOT, 'tsconfig.json') })],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones, basePath: ROOT }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: SHARED_FORBIDDEN, message: 'shared/ runs on both sides: it imports nothing of node, express, drizzle or react.' }] },
      ],
    },
  },
  {
    files: SOURCES,
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': ['error', { '**/*.{ts,tsx}': 'KEBAB_CASE' }, { ignoreMiddleExtensions: true }],
      'check-file/folder-naming-convention': ['error', { '{server,client,shared,scripts,tests}/**/': 'KEBAB_CASE' }],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}', 'tests/component/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
];
