import tseslint from 'typescript-eslint';
import { architecture } from './eslint.architecture.js';

/**
 * The project's lint rules: the import boundaries of ARCHITECTURE.md (eslint.architecture.js),
 * kebab-case file names, the rules of hooks in the client, and the rules of the
 * asynchronous data layer: every query is awaited, no promise is dropped or
 * used as a value, and no query uses a SQLite-only way of running it (`.all()`, `.get()`,
 * `.run()`, `.values()`), so the same code runs on PostgreSQL.
 */
export default tseslint.config(
  // tests/fixtures/lint holds files that break the rules on purpose, for the test that proves the rules fire.
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', 'data/**', 'migrations/**', 'client/public/**', 'tests/fixtures/lint/**'] },
  ...architecture,
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'tests/api/**/*.ts', 'tests/factories/**/*.ts', 'tests/support/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[arguments.length=0] > MemberExpression.callee[property.name=/^(all|get|run)$/]',
          message: 'Await the query instead (first() for one row): .all/.get/.run exist on SQLite only.',
        },
      ],
    },
  },
  {
    // The SQLite engine's own files may use its synchronous client.
    files: [
      'server/src/db/client.ts',
      'server/src/db/revision.ts',
      'server/src/db/backup.ts',
      'server/src/db/statement-cache.ts',
      'scripts/seed-large.ts',
      // Tests of SQLite itself: its files, backups, crashes, migrations and change counters.
      'tests/api/backup.test.ts',
      'tests/api/crash.test.ts',
      'tests/api/durability.test.ts',
      'tests/api/migration-*.test.ts',
      'tests/api/response-cache.test.ts',
      'tests/support/crash-writer.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
