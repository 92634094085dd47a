import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { architecture } from '../../eslint.architecture.js';

/**
 * Each architecture rule fires on a file that breaks it, and stays quiet on the same kind
 * of file that keeps it. The files are linted as text under a path in the tree (nothing is
 * written), with the same rules `npm run lint` applies.
 */

const ROOT = resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: architecture });
});

/** A module that exists in dir, as an import specifier from `fromDir` (no extension). */
function moduleIn(dir: string, fromDir: string): string {
  const file = readdirSync(join(ROOT, dir)).find((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'));
  if (!file) throw new Error(`no module in ${dir}`);
  const path = relative(join(ROOT, fromDir), join(ROOT, dir, file)).replace(/\.tsx?$/, '');
  return path.startsWith('.') ? path : `./${path}`;
}

/** The rule ids reported for `code` placed at `path`. */
async function rulesFired(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const importFrom = (specifier: string) => `import * as probe from '${specifier}';\nexport const used = probe;\n`;

describe('import boundaries', () => {
  it('a server feature importing another feature is refused; importing its own files, core/ and shared/ is not', async () => {
    const dir = 'server/src/features/activities';
    expect(await rulesFired(`${dir}/probe.ts`, importFrom(moduleIn('server/src/features/projects', dir)))).toContain('import-x/no-restricted-paths');
    const allowed = [moduleIn(dir, dir), moduleIn('server/src/core', dir), '@shared/money'].map(importFrom).join('');
    expect(await rulesFired(`${dir}/probe.ts`, allowed)).toEqual([]);
  });

  it('a client feature importing another feature is refused, by alias or by relative path', async () => {
    const dir = 'client/src/features/activities/components';
    expect(await rulesFired(`${dir}/probe.tsx`, importFrom('@/features/projects/api/list-projects'))).toContain('import-x/no-restricted-paths');
    expect(await rulesFired(`${dir}/probe.tsx`, importFrom(moduleIn('client/src/features/projects/api', dir)))).toContain(
      'import-x/no-restricted-paths',
    );
    expect(await rulesFired(`${dir}/probe.tsx`, importFrom('@/lib/api-client'))).toEqual([]);
  });

  it('core/ importing http/ or a feature is refused', async () => {
    const dir = 'server/src/core';
    expect(await rulesFired(`${dir}/probe.ts`, importFrom(moduleIn('server/src/http', dir)))).toContain('import-x/no-restricted-paths');
    expect(await rulesFired(`${dir}/probe.ts`, importFrom(moduleIn('server/src/features/projects', dir)))).toContain('import-x/no-restricted-paths');
  });

  it('db/ importing a feature is refused', async () => {
    const dir = 'server/src/db';
    expect(await rulesFired(`${dir}/probe.ts`, importFrom(moduleIn('server/src/features/projects', dir)))).toContain('import-x/no-restricted-paths');
  });

  it('the client importing the server is refused', async () => {
    const dir = 'client/src/lib';
    expect(await rulesFired(`${dir}/probe.ts`, importFrom(moduleIn('server/src/core', dir)))).toContain('import-x/no-restricted-paths');
  });

  it.each([
    ['node:fs', 'import-x/no-nodejs-modules'],
    ['path', 'import-x/no-nodejs-modules'],
    ['express', 'no-restricted-imports'],
    ['drizzle-orm', 'no-restricted-imports'],
    ['react', 'no-restricted-imports'],
  ])('shared/ importing %s is refused (%s)', async (specifier, rule) => {
    expect(await rulesFired('shared/probe.ts', importFrom(specifier))).toContain(rule);
  });

  it('shared/ importing the server is refused; importing zod and its own modules is not', async () => {
    expect(await rulesFired('shared/probe.ts', importFrom(moduleIn('server/src/core', 'shared')))).toContain('import-x/no-restricted-paths');
    expect(await rulesFired('shared/probe.ts', importFrom('zod') + importFrom('./money'))).toEqual([]);
  });
});

describe('the other architecture rules', () => {
  it('two modules importing each other are refused as a cycle', async () => {
    const lint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: architecture, ignore: false });
    const results = await lint.lintFiles(['tests/fixtures/lint/cycle-a.ts', 'tests/fixtures/lint/cycle-b.ts']);
    for (const result of results) expect(result.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });

  it('a file name that is not kebab-case is refused', async () => {
    expect(await rulesFired('server/src/core/attemptCounters.ts', 'export const x = 1;\n')).toContain('check-file/filename-naming-convention');
    expect(await rulesFired('server/src/core/attempt-counters-probe.ts', 'export const x = 1;\n')).toEqual([]);
  });

  it('a hook called conditionally in a component is refused', async () => {
    const code = [
      "import { useState } from 'react';",
      'export function Probe({ on }: { on: boolean }) {',
      '  if (on) useState(0);',
      '  return null;',
      '}',
      '',
    ].join('\n');
    expect(await rulesFired('client/src/components/probe.tsx', code)).toContain('react-hooks/rules-of-hooks');
  });
});
