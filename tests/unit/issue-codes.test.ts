import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISAGGREGATION_DIMENSIONS } from '@shared/enums';
import { messageOf } from '@shared/issue-messages';
import { asZodIssue, issue, ISSUE_CODES, ISSUE_PARAMS, paramKinds, ruleOfZodIssue, type IssueCode, type ParamKind } from '@shared/issues';
import { LOCALES } from '@shared/locales';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALE_DIR = join(ROOT, 'client/src/locales');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** `issues.<code>` of a catalogue: codes are dotted, so the text sits under nested keys. */
function textOf(catalogue: unknown, code: IssueCode): unknown {
  return ['issues', ...code.split('.')].reduce<unknown>(
    (node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined),
    catalogue,
  );
}

const catalogues = Object.fromEntries(LOCALES.map((l) => [l, JSON.parse(readFileSync(join(LOCALE_DIR, `${l}.json`), 'utf8')) as unknown]));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const SAMPLE: Record<ParamKind, unknown> = {
  number: 1234.5,
  date: '2025-03-31',
  text: 'Dushanbe',
  id: 12,
  dimension: 'sex',
  dimensions: [...DISAGGREGATION_DIMENSIONS],
};
const sampleParams = (code: IssueCode) => Object.fromEntries(Object.entries(paramKinds(code)).map(([name, kind]) => [name, SAMPLE[kind]]));

describe('issue codes (shared/issues.ts)', () => {
  it.each(LOCALES)('every code has a %s text that uses exactly the params the code declares', (locale) => {
    const problems = ISSUE_CODES.flatMap((code) => {
      const text = textOf(catalogues[locale], code);
      if (typeof text !== 'string' || text.trim() === '') return [`${code}: no text`];
      const declared = Object.keys(paramKinds(code)).sort();
      return JSON.stringify(placeholders(text)) === JSON.stringify(declared)
        ? []
        : [`${code}: uses {{${placeholders(text).join(', ')}}}, declares ${declared.join(', ')}`];
    });
    expect(problems).toEqual([]);
  });

  it('the browser never loads the English sentences: nothing under client/src or in the shared schemas imports issue-messages', () => {
    const importers = [...sourceFiles(join(ROOT, 'client/src')), ...sourceFiles(join(ROOT, 'shared'))]
      .filter((file) => !file.endsWith('issue-messages.ts') && /issue-messages['"]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(importers).toEqual([]);
  });

  it('no code ends like a plural form, which i18next would read as one (amount_zero is the plural "zero" of amount)', () => {
    expect(ISSUE_CODES.filter((c) => /_(zero|one|two|few|many|other)$/.test(c))).toEqual([]);
  });

  it('no code is the prefix of another, so that each keeps a text of its own in the nested catalogue', () => {
    expect(ISSUE_CODES.filter((c) => ISSUE_CODES.some((d) => d.startsWith(`${c}.`)))).toEqual([]);
  });

  it.each(ISSUE_CODES)('%s has an English sentence (the API fallback) built from params its schema accepts', (code) => {
    const params = sampleParams(code);
    const built = (issue as (c: IssueCode, p: unknown) => { code: IssueCode; params: Record<string, unknown> })(code, params);
    expect(built.code).toBe(code);
    expect(ISSUE_PARAMS[code].safeParse(built.params).success).toBe(true);
    const message = messageOf(built);
    expect(message).toMatch(/\w/);
    expect(message).not.toMatch(/undefined|\[object/);
  });

  it('a params object with a wrong or missing param is refused by the schema (the client then shows the English)', () => {
    expect(ISSUE_PARAMS['period.overlaps'].safeParse({ start: '2025-01-01' }).success).toBe(false);
    expect(ISSUE_PARAMS['import.too_many_rows'].safeParse({ max: '5000' }).success).toBe(false);
    expect(ISSUE_PARAMS['file.empty'].safeParse({ extra: 1 }).success).toBe(false);
  });

  it('a rule carried through zod comes back out with its code and params; zod’s own issues carry none', () => {
    const rule = issue('ledger.rate_required', { projectCurrency: 'USD', currency: 'TJS' });
    const custom = { code: 'custom', path: ['fxRate'], ...asZodIssue(rule) };
    expect(ruleOfZodIssue(custom)).toEqual({ code: 'ledger.rate_required', params: { projectCurrency: 'USD', currency: 'TJS' } });
    expect(ruleOfZodIssue({ code: 'too_big', params: { code: 'ledger.rate_required' } })).toBeNull();
    expect(ruleOfZodIssue({ code: 'custom', params: { code: 'no.such_rule' } })).toBeNull();
  });
});
