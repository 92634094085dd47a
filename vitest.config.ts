import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { localeSections } from './scripts/vite-locale-sections';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const alias = { '@shared': r('./shared'), '@': r('./client/src') };

/** API test files about SQLite itself: not run on PostgreSQL. */
const SQLITE_ONLY = [
  'tests/api/backup.test.ts',
  'tests/api/crash.test.ts',
  'tests/api/db-copy.test.ts',
  'tests/api/durability.test.ts',
  'tests/api/migration-account-locale.test.ts',
  'tests/api/migration-org-contact.test.ts',
  'tests/api/query-plans.test.ts',
  'tests/api/uploads-folder.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', environment: 'node', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: {
          name: 'api',
          environment: 'node',
          include: ['tests/api/**/*.test.ts'],
          setupFiles: ['tests/setup/fail-on-console-error.ts', 'tests/setup/api-matchers.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The same API suite on PostgreSQL: PGlite in process by default, a real server when TEST_DATABASE_URL is set.
        // Files about SQLite itself (its files, pragmas, backups, migrations of old files, query plans) stay in `api`.
        resolve: { alias },
        test: {
          name: 'api-pg',
          environment: 'node',
          include: ['tests/api/**/*.test.ts'],
          exclude: [...SQLITE_ONLY, 'tests/api/multi-instance.test.ts'],
          env: { DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'pglite:memory' },
          globalSetup: ['tests/setup/postgres-template.ts'],
          setupFiles: ['tests/setup/fail-on-console-error.ts', 'tests/setup/api-matchers.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [react(), localeSections()],
        resolve: { alias },
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.tsx'],
          setupFiles: ['tests/setup/component.ts', 'tests/setup/fail-on-console-error.ts'],
          // A form test types dozens of keys through jsdom: on a busy 2-core machine that passes 5 s.
          testTimeout: 15_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
