import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScheduleFlag } from '@shared/calc/activity-progress';
import { BUDGET_CATEGORIES, EXPENDITURE_TYPES } from '@shared/calc/budget';
import { DIMENSION_PARTS } from '@shared/calc/disaggregation';
import { RAGS } from '@shared/calc/indicator-progress';
import { MILESTONE_STATUSES } from '@shared/calc/timeline';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  CONSENT_STATUSES,
  COVERAGES,
  DISAGGREGATION_DIMENSIONS,
  INDICATOR_AGGREGATIONS,
  INDICATOR_DIRECTIONS,
  INDICATOR_MEASURES,
  ORGANISATION_TYPES,
  PARTICIPANT_GROUPS,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  REGIONS,
  REGISTRY_SECTORS,
  REPORTING_FREQUENCIES,
  ROLES,
  SEXES,
  VALUE_STATUSES,
} from '@shared/enums';
import { ERROR_CODES } from '@shared/errors';
import { ISSUE_CODES } from '@shared/issues';
import { LOCALES } from '@shared/locales';
import { ActivitySchema, HistoryEntrySchema } from '@shared/schemas/activity';
import { AttendanceSheetRowSchema } from '@shared/schemas/attendance';
import { INDICATOR_LEVELS, PROGRESS_REASONS } from '@shared/schemas/indicator';
import { MeOverviewSchema } from '@shared/schemas/indicator-summary';
import { ConsentRecordSchema, DuplicateMatchSchema } from '@shared/schemas/registry';
import { IMPORT_FIELDS, ImportPreviewSchema, ImportRowReportSchema } from '@shared/schemas/registry-import';
import { REGISTRY_SUMMARY_DIMENSIONS, YEARS_ABROAD_BANDS } from '@shared/schemas/registry-summary';
import { MILESTONE_KINDS } from '@shared/schemas/timeline';
import { EXPORT_TABLES, NARRATIVE_SECTIONS, REPORT_KINDS, REPORT_STATUSES } from '@shared/schemas/report';

/**
 * Keys the code builds at run time, e.g. t(`enums.activityStatus.${s}`): each prefix with
 * the values its suffix can take, taken from the shared enums wherever they exist. A new
 * dynamic prefix in the code must be added here, or the test below fails.
 */
const keysOf = <T extends string>(record: Record<T, true>): T[] => Object.keys(record) as T[];
const SCHEDULE_FLAGS = keysOf<ScheduleFlag>({ overdue: true, finished_late: true, late_start: true });
const ACTIVITY_FIELDS = Object.keys(ActivitySchema.shape).filter(
  (k) => !['id', 'projectId', 'illustrative', 'version', 'createdAt', 'updatedAt'].includes(k),
);

const DYNAMIC_KEYS: Record<string, readonly string[]> = {
  'languages.': LOCALES,
  'errors.': [...ERROR_CODES, 'NETWORK', 'INVALID_RESPONSE', 'UNKNOWN'],
  // Rules the API refuses by and import row problems (shared/issues.ts), and the words their params name.
  'issues.': ISSUE_CODES,
  'validation.dimension.': DISAGGREGATION_DIMENSIONS,
  'enums.role.': ROLES,
  'users.roleHint.': ROLES,
  'enums.activityKind.': ACTIVITY_KINDS,
  'enums.activityStatus.': ACTIVITY_STATUSES,
  'enums.projectStatus.': PROJECT_STATUSES,
  'enums.projectType.': PROJECT_TYPES,
  'enums.region.': REGIONS,
  'enums.coverage.': COVERAGES,
  'enums.scheduleFlag.': SCHEDULE_FLAGS,
  'enums.scheduleFlagHint.': SCHEDULE_FLAGS,
  'timeline.slip.': SCHEDULE_FLAGS,
  'activities.fields.': ACTIVITY_FIELDS,
  // Participants as the activity stores them (civilSociety, not the registry's civil_society).
  'activities.participants.': Object.keys(ActivitySchema.shape.participants.shape),
  'history.action.': HistoryEntrySchema.shape.action.options,
  'indicators.level.': INDICATOR_LEVELS,
  'indicators.measure.': INDICATOR_MEASURES,
  'indicators.direction.': INDICATOR_DIRECTIONS,
  'indicators.aggregation.': INDICATOR_AGGREGATIONS,
  'indicators.aggregationHint.': INDICATOR_AGGREGATIONS,
  'indicators.frequency.': REPORTING_FREQUENCIES,
  'indicators.dimension.': DISAGGREGATION_DIMENSIONS,
  'indicators.rag.': RAGS,
  'indicators.ragCount.': RAGS,
  'indicators.reason.': PROGRESS_REASONS,
  // A value's status, or no value yet: missing when due, none when not.
  'indicators.valueStatus.': [...VALUE_STATUSES, 'missing', 'none'],
  'dataEntry.counts.': [...VALUE_STATUSES, 'missing', 'none'],
  'dataEntry.grid.by.': DISAGGREGATION_DIMENSIONS,
  'dataEntry.parts.': [...new Set(Object.values(DIMENSION_PARTS).flat())],
  // How a percentage is entered: the figure itself, or numerator and denominator.
  'dataEntry.mode.': ['value', 'ratio'],
  'monitoring.counts.': Object.keys(MeOverviewSchema.shape.counts.shape),
  // What the M&E overview offers on a row, by the state of its value.
  'monitoring.action.': ['enter', 'continue', 'review', 'view'],
  'budget.category.': BUDGET_CATEGORIES,
  'budget.entryType.': EXPENDITURE_TYPES,
  'timeline.milestoneKind.': MILESTONE_KINDS,
  'timeline.milestoneStatus.': MILESTONE_STATUSES,
  // Zoom levels of the Gantt chart (client/src/features/timeline/components/gantt-scale.ts).
  'timeline.zoom.': ['month', 'quarter', 'year'],
  'reports.kind.': REPORT_KINDS,
  'reports.status.': REPORT_STATUSES,
  'reports.rag.': RAGS,
  'reports.category.': BUDGET_CATEGORIES,
  'reports.dimension.': DISAGGREGATION_DIMENSIONS,
  'reports.part.': [...new Set(Object.values(DIMENSION_PARTS).flat())],
  'reports.milestone.': MILESTONE_STATUSES,
  'reports.tables.': EXPORT_TABLES,
  'reports.narrative.': NARRATIVE_SECTIONS,
  // What happened to a row between two reports (shared/calc/report-diff.ts).
  'reports.compare.kinds.': ['added', 'removed', 'changed', 'unchanged'],
  // The narrative editor's toolbar (client/src/features/reports/components/narrative-editor.tsx).
  'reports.editor.': ['bold', 'italic', 'heading', 'paragraph', 'bullets', 'numbers', 'link'],
  // What an IATI import does per activity and to which kinds of record (shared/schemas/iati.ts).
  'iati.preview.actions.': ['create', 'update'],
  'iati.preview.kinds.': ['outcomes', 'outputs', 'indicators', 'periods', 'values', 'budgets', 'transactions'],
  'registry.sex.': SEXES,
  // A person's group, or none recorded.
  'registry.group.': [...PARTICIPANT_GROUPS, 'unknown'],
  'registry.consentStatus.': CONSENT_STATUSES,
  'registry.consent.kinds.': ConsentRecordSchema.shape.kind.options,
  'registry.orgType.': ORGANISATION_TYPES,
  'registry.sector.': REGISTRY_SECTORS,
  'registry.yearsBand.': YEARS_ABROAD_BANDS,
  'registry.summary.dimension.': REGISTRY_SUMMARY_DIMENSIONS,
  'registry.summary.chartTitle.': REGISTRY_SUMMARY_DIMENSIONS,
  'registry.import.fields.': IMPORT_FIELDS,
  'registry.import.totals.': Object.keys(ImportPreviewSchema.shape.totals.shape),
  'registry.import.status.': ImportRowReportSchema.shape.status.options,
  'registry.import.reason.': DuplicateMatchSchema.shape.reason.options,
  // The fields of a person as the form and the history name them (client/src/features/registry/components/person-form.tsx).
  'registry.fields.': [
    'name',
    'sex',
    'birthYear',
    'country',
    'city',
    'yearsAbroad',
    'occupation',
    'sector',
    'sectors',
    'skills',
    'languages',
    'email',
    'phone',
    'group',
    'organisations',
    'notes',
    'consent',
    'updatedAt',
  ],
  'attendance.import.status.': AttendanceSheetRowSchema.shape.status.options,
  'attendance.import.by.': AttendanceSheetRowSchema.shape.matchedBy.unwrap().options,
};

/** Values that are the same in every language: the product name, language endonyms, pure placeholders. */
const SAME_IN_EVERY_LANGUAGE = new Set(['app.name', 'languages.en', 'languages.ru', 'languages.tg']);

type Catalogue = Record<string, string>;
const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'client/src');
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj: object, prefix = ''): Catalogue {
  const out: Catalogue = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'object' && v !== null) Object.assign(out, flatten(v as object, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = String(v);
  }
  return out;
}

function readCatalogue(lang: string): Catalogue {
  return flatten(JSON.parse(readFileSync(join(SRC, 'locales', `${lang}.json`), 'utf8')) as object);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Keys without their plural suffix: `projects.count_one` and `projects.count_other` are `projects.count`. */
function baseKeys(catalogue: Catalogue): Set<string> {
  return new Set(Object.keys(catalogue).map((k) => k.replace(PLURAL, '')));
}

function placeholders(value: string): string {
  return [...value.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
}

/**
 * The plural forms i18next asks for. Tajik is pinned to one/other in lib/i18n.ts, because
 * runtimes without Tajik plural data would otherwise use the browser's own language rules.
 */
function pluralForms(lang: string): string[] {
  return new Intl.PluralRules(lang === 'tg' ? 'en' : lang).resolvedOptions().pluralCategories;
}

const en = readCatalogue('en');
const enBases = baseKeys(en);
const sections = new Set(Object.keys(en).map((k) => k.split('.')[0]));

type Usage = { literal: Map<string, string[]>; tCalls: Map<string, string[]>; prefixes: Map<string, string[]> };

function scanUsage(): Usage {
  const usage: Usage = { literal: new Map(), tCalls: new Map(), prefixes: new Map() };
  const add = (map: Map<string, string[]>, key: string, where: string) => map.set(key, [...(map.get(key) ?? []), where]);
  for (const file of sourceFiles(SRC)) {
    const where = relative(ROOT, file);
    const src = readFileSync(file, 'utf8');
    // Every string literal shaped like a key counts as a use (labels kept in tables, i18nKey=…).
    for (const m of src.matchAll(/['"]([a-zA-Z][\w]*(?:\.[\w]+)+)['"]/g)) add(usage.literal, m[1]!, where);
    // Literal keys handed to t(): these must exist.
    for (const m of src.matchAll(/\bt\(\s*['"`]([\w.]+)['"`]\s*[,)]/g)) add(usage.tCalls, m[1]!, where);
    for (const m of src.matchAll(/i18nKey=["']([\w.]+)["']/g)) add(usage.tCalls, m[1]!, where);
    // Template keys: `section.sub.${value}`, where the section is one of the catalogue's.
    for (const m of src.matchAll(/`((?:[A-Za-z_]\w*\.)+)\$\{/g)) {
      if (sections.has(m[1]!.split('.')[0]!)) add(usage.prefixes, m[1]!, where);
    }
  }
  return usage;
}

const usage = scanUsage();

describe('i18n: the English catalogue and the code', () => {
  it('every literal key passed to t() exists in en.json', () => {
    const missing = [...usage.tCalls].filter(([key]) => !enBases.has(key)).map(([key, where]) => `${key} (${where.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('every key the code builds from a value has its prefix listed with the values it can take', () => {
    const undeclared = [...usage.prefixes].filter(([prefix]) => !(prefix in DYNAMIC_KEYS)).map(([p, where]) => `${p}\${…} (${where.join(', ')})`);
    expect(undeclared, 'add these prefixes to DYNAMIC_KEYS with the enum their suffix comes from').toEqual([]);
  });

  it('every dynamic key exists in en.json for every value of its enum', () => {
    const missing = Object.entries(DYNAMIC_KEYS)
      .filter(([prefix]) => usage.prefixes.has(prefix))
      .flatMap(([prefix, values]) => values.map((v) => `${prefix}${v}`))
      .filter((key) => !enBases.has(key));
    expect(missing).toEqual([]);
  });

  it('en.json has no key that the code never uses', () => {
    const used = new Set([...usage.literal.keys(), ...usage.tCalls.keys()]);
    for (const [prefix, values] of Object.entries(DYNAMIC_KEYS)) {
      if (usage.prefixes.has(prefix)) for (const v of values) used.add(`${prefix}${v}`);
    }
    const unused = [...enBases].filter((key) => !used.has(key));
    expect(unused).toEqual([]);
  });
});

describe.each(['ru', 'tg'])('i18n: the %s catalogue', (lang) => {
  const catalogue = readCatalogue(lang);
  const forms = pluralForms(lang);

  it('has every key of en.json, with every plural form the language needs', () => {
    const expected = [...enBases].flatMap((base) => (en[`${base}_other`] !== undefined ? forms.map((f) => `${base}_${f}`) : [base]));
    expect(expected.filter((k) => catalogue[k] === undefined)).toEqual([]);
  });

  it('has no key that en.json does not have', () => {
    const extra = Object.keys(catalogue).filter((k) => {
      const base = k.replace(PLURAL, '');
      if (base !== k) return !(en[`${base}_other`] !== undefined && forms.includes(k.slice(base.length + 1)));
      return en[k] === undefined;
    });
    expect(extra).toEqual([]);
  });

  it('uses the same {{placeholders}} as English', () => {
    const wrong = Object.entries(catalogue)
      .map(([k, v]) => [k, v, en[k] ?? en[`${k.replace(PLURAL, '')}_other`]] as const)
      .filter(([, v, english]) => english !== undefined && placeholders(v) !== placeholders(english))
      .map(([k, v]) => `${k}: ${v}`);
    expect(wrong).toEqual([]);
  });

  it('translates every value (nothing left in English)', () => {
    const untranslated = Object.entries(en)
      .filter(([k, v]) => !SAME_IN_EVERY_LANGUAGE.has(k) && /\p{L}/u.test(v.replace(/\{\{[^}]*\}\}/g, '')) && catalogue[k] === v)
      .map(([k, v]) => `${k}: ${v}`);
    expect(untranslated).toEqual([]);
  });
});
