import { COUNTRIES } from '@shared/codelists/iati';
import { findDuplicates, nameKey } from '@shared/calc/registry-duplicates';
import { explain } from '@shared/issue-messages';
import { issue, ruleOfZodIssue, type CodedIssue, type IssueCode } from '@shared/issues';
import { isDateInRange, MAX_DATE, MIN_DATE } from '@shared/bounds';
import { isIsoDate } from '@shared/schemas/common';
import { PARTICIPANT_GROUPS, REGISTRY_SECTORS, SEXES } from '@shared/enums';
import { NewPersonFields, type DuplicateMatch } from '@shared/schemas/registry';
import {
  IMPORT_FIELDS,
  type ImportDecision,
  type ImportDecisions,
  type ImportField,
  type ImportIssue,
  type ImportMapping,
  type ImportRowReport,
} from '@shared/schemas/registry-import';
import type { Table } from '../../core/tabular';

// Turning survey cells into registry fields. Surveys come from many hands: codes or
// names, English or Russian, "1985" or "1985.0"; what can be read unambiguously is,
// and the rest is reported against its row and column.

const fold = (s: string) => nameKey(s);

/** Header words that suggest a field (English and Russian), for the mapping screen. */
const HEADER_HINTS: Record<ImportField, string[]> = {
  name: ['name', 'full name', 'fullname', 'фио', 'имя', 'ном', 'full name of respondent'],
  sex: ['sex', 'gender', 'пол', 'ҷинс'],
  birthYear: ['birth year', 'year of birth', 'born', 'год рождения', 'yob'],
  country: ['country', 'country of residence', 'страна', 'страна проживания', 'кишвар'],
  city: ['city', 'town', 'город', 'шаҳр'],
  yearsAbroad: ['years abroad', 'years outside', 'лет за рубежом', 'лет за границей'],
  occupation: ['occupation', 'profession', 'job', 'профессия', 'род занятий', 'касб'],
  sectors: ['sector', 'sectors', 'сектор', 'отрасль'],
  skills: ['skills', 'skill', 'навыки'],
  languages: ['languages', 'language', 'языки', 'забонҳо'],
  email: ['email', 'e mail', 'mail', 'электронная почта', 'эл почта', 'почта'],
  phone: ['phone', 'telephone', 'mobile', 'телефон', 'тел'],
  group: ['group', 'participant group', 'category', 'группа', 'категория'],
  organisations: ['organisation', 'organisations', 'organization', 'organizations', 'организация', 'организации'],
  notes: ['notes', 'note', 'comments', 'comment', 'примечания', 'комментарий'],
  consent: ['consent', 'consent given', 'согласие'],
  consentDate: ['consent date', 'date of consent', 'дата согласия'],
};

export function suggestMapping(headers: readonly string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  const used = new Set<string>();
  for (const field of IMPORT_FIELDS) {
    const hints = HEADER_HINTS[field];
    const header = headers.find((h) => !used.has(h) && hints.includes(fold(h)));
    if (header) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

const SEX_WORDS: Record<string, (typeof SEXES)[number]> = {
  f: 'female',
  female: 'female',
  woman: 'female',
  w: 'female',
  ж: 'female',
  жен: 'female',
  женский: 'female',
  женщина: 'female',
  зан: 'female',
  m: 'male',
  male: 'male',
  man: 'male',
  м: 'male',
  муж: 'male',
  мужской: 'male',
  мужчина: 'male',
  мард: 'male',
  other: 'other',
  другое: 'other',
  '': 'not_stated',
  not_stated: 'not_stated',
  'not stated': 'not_stated',
  'prefer not to say': 'not_stated',
  unknown: 'not_stated',
};

const COUNTRY_WORDS: Map<string, string> = new Map([
  ...Object.entries(COUNTRIES).map(([code, name]) => [fold(name), code] as [string, string]),
  ['russia', 'RU'],
  ['россия', 'RU'],
  ['российская федерация', 'RU'],
  ['русия', 'RU'],
  ['kazakhstan', 'KZ'],
  ['казахстан', 'KZ'],
  ['қазоқистон', 'KZ'],
  ['turkey', 'TR'],
  ['türkiye', 'TR'],
  ['турция', 'TR'],
  ['usa', 'US'],
  ['united states', 'US'],
  ['сша', 'US'],
  ['germany', 'DE'],
  ['германия', 'DE'],
  ['uae', 'AE'],
  ['оаэ', 'AE'],
  ['united arab emirates', 'AE'],
  ['tajikistan', 'TJ'],
  ['таджикистан', 'TJ'],
  ['тоҷикистон', 'TJ'],
  ['uzbekistan', 'UZ'],
  ['узбекистан', 'UZ'],
  ['uk', 'GB'],
  ['united kingdom', 'GB'],
  ['великобритания', 'GB'],
  ['south korea', 'KR'],
  ['korea', 'KR'],
  ['корея', 'KR'],
]);

const LANGUAGE_WORDS: Record<string, string> = {
  tajik: 'tg',
  таджикский: 'tg',
  тоҷикӣ: 'tg',
  russian: 'ru',
  русский: 'ru',
  english: 'en',
  английский: 'en',
  uzbek: 'uz',
  узбекский: 'uz',
  turkish: 'tr',
  турецкий: 'tr',
  german: 'de',
  немецкий: 'de',
  arabic: 'ar',
  арабский: 'ar',
  persian: 'fa',
  farsi: 'fa',
  персидский: 'fa',
  kazakh: 'kk',
  казахский: 'kk',
  kyrgyz: 'ky',
  french: 'fr',
  французский: 'fr',
  chinese: 'zh',
  китайский: 'zh',
  korean: 'ko',
  корейский: 'ko',
  dari: 'prs',
};

const SECTOR_WORDS: Map<string, string> = new Map([
  ...REGISTRY_SECTORS.map((s) => [fold(s.replace(/_/g, ' ')), s] as [string, string]),
  ...REGISTRY_SECTORS.map((s) => [s, s] as [string, string]),
  ['it', 'it_telecom'],
  ['ict', 'it_telecom'],
  ['business', 'business_trade'],
  ['trade', 'business_trade'],
  ['finance', 'finance_banking'],
  ['banking', 'finance_banking'],
  ['science', 'science_research'],
  ['research', 'science_research'],
  ['culture', 'culture_arts'],
  ['arts', 'culture_arts'],
  ['tourism', 'tourism_hospitality'],
  ['transport', 'transport_logistics'],
  ['ngo', 'ngo_civil_society'],
  ['civil society', 'ngo_civil_society'],
  ['government', 'public_administration'],
  ['образование', 'education'],
  ['здравоохранение', 'health'],
  ['строительство', 'construction'],
  ['бизнес', 'business_trade'],
]);

const GROUP_WORDS: Map<string, string> = new Map([
  ...PARTICIPANT_GROUPS.map((g) => [fold(g.replace(/_/g, ' ')), g] as [string, string]),
  ['gov', 'government'],
  ['official', 'government'],
  ['государство', 'government'],
  ['диаспора', 'diaspora'],
  ['ngo', 'civil_society'],
  ['civil society', 'civil_society'],
  ['международная', 'international'],
]);

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'да', 'ҳа', 'ha', '✓']);
const NO = new Set(['', 'no', 'n', 'false', '0', 'нет', 'не']);

const splitList = (s: string) =>
  s
    .split(/[;,|\n]/)
    .map((v) => v.trim())
    .filter(Boolean);

function wholeNumber(s: string): number | null | 'invalid' {
  if (s === '') return null;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) && Number.isInteger(n) ? n : 'invalid';
}

/** dd.mm.yyyy, dd/mm/yyyy or YYYY-MM-DD → YYYY-MM-DD, or null when unreadable. */
export function readDate(s: string): string | null {
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

export type ParsedRow = {
  row: number;
  person: NewPersonFields | null;
  organisationIds: number[];
  consent: boolean;
  consentDate: string | null;
  issues: ImportIssue[];
  warnings: CodedIssue[];
};

/** Reads one data row through the mapping; the person is null when the row is invalid. */
export function parseRow(
  cells: readonly string[],
  row: number,
  columnOf: Partial<Record<ImportField, number>>,
  mapping: ImportMapping,
  organisations: ReadonlyMap<string, number>,
): ParsedRow {
  const issues: ImportIssue[] = [];
  const warnings: CodedIssue[] = [];
  const cell = (f: ImportField) => {
    const i = columnOf[f];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const report = (field: ImportField, problem: CodedIssue) => issues.push({ field, column: mapping[field] ?? null, ...problem });

  const sexWord = fold(cell('sex'));
  const sex = SEX_WORDS[sexWord] ?? (SEXES as readonly string[]).find((s) => s === sexWord);
  if (sex === undefined) report('sex', explain(issue('survey.sex_unreadable', { value: cell('sex') })));

  const countryCell = cell('country');
  let country: string | null = null;
  if (countryCell) {
    const upper = countryCell.toUpperCase();
    country = Object.hasOwn(COUNTRIES, upper) ? upper : (COUNTRY_WORDS.get(fold(countryCell)) ?? null);
    if (!country) report('country', explain(issue('survey.country_unknown', { value: countryCell })));
  }

  const birthYear = wholeNumber(cell('birthYear'));
  if (birthYear === 'invalid') report('birthYear', explain(issue('survey.birth_year_invalid')));
  const yearsAbroad = wholeNumber(cell('yearsAbroad'));
  if (yearsAbroad === 'invalid') report('yearsAbroad', explain(issue('survey.years_abroad_invalid')));

  const sectors: string[] = [];
  for (const s of splitList(cell('sectors'))) {
    const code = SECTOR_WORDS.get(fold(s)) ?? SECTOR_WORDS.get(s.toLowerCase());
    if (code) sectors.push(code);
    else warnings.push(explain(issue('survey.sector_left_out', { value: s })));
  }
  const languages: string[] = [];
  for (const l of splitList(cell('languages'))) {
    const lower = l.toLowerCase();
    const code = LANGUAGE_WORDS[fold(l)] ?? (/^[a-z]{2,3}$/.test(lower) ? lower : undefined);
    if (code) languages.push(code);
    else warnings.push(explain(issue('survey.language_left_out', { value: l })));
  }
  let group: string | null = null;
  if (cell('group')) {
    group = GROUP_WORDS.get(fold(cell('group'))) ?? null;
    if (!group) report('group', explain(issue('survey.group_unknown', { value: cell('group') })));
  }
  const organisationIds: number[] = [];
  for (const o of splitList(cell('organisations'))) {
    const id = organisations.get(fold(o));
    if (id) organisationIds.push(id);
    else warnings.push(explain(issue('survey.organisation_left_out', { value: o })));
  }
  const consentWord = fold(cell('consent'));
  const consent = YES.has(consentWord) || YES.has(cell('consent'));
  if (!consent && !NO.has(consentWord)) report('consent', explain(issue('survey.consent_unreadable', { value: cell('consent') })));
  let consentDate: string | null = null;
  if (cell('consentDate')) {
    consentDate = readDate(cell('consentDate'));
    if (!consentDate) report('consentDate', explain(issue('survey.consent_date_invalid')));
    else if (!isDateInRange(consentDate)) report('consentDate', explain(issue('date.out_of_range', { min: MIN_DATE, max: MAX_DATE })));
  }

  const parsed = NewPersonFields.safeParse({
    name: cell('name'),
    sex: sex ?? 'not_stated',
    birthYear: typeof birthYear === 'number' ? birthYear : null,
    country,
    city: cell('city'),
    yearsAbroad: typeof yearsAbroad === 'number' ? yearsAbroad : null,
    occupation: cell('occupation'),
    sectors: [...new Set(sectors)],
    skills: [...new Set(splitList(cell('skills')).map((s) => s.toLowerCase()))],
    languages: [...new Set(languages)],
    email: cell('email') || null,
    phone: cell('phone') || null,
    group,
    organisationIds: [...new Set(organisationIds)],
    notes: cell('notes'),
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0] ?? 'name') as ImportField;
      // Already reported in the survey's own words.
      if (issues.some((x) => x.field === field)) continue;
      const rule = ruleOfZodIssue(i);
      report(field, rule ? explain(rule) : { code: i.code, params: {}, message: i.message });
    }
  }
  return {
    row,
    person: parsed.success && issues.length === 0 ? parsed.data : null,
    organisationIds,
    consent,
    consentDate,
    issues,
    warnings,
  };
}

/** What stops a commit, by row (1: the file as a whole). */
type Block = CodedIssue & { code: IssueCode; row: number };

export type ImportPlan = {
  parsed: ParsedRow[];
  duplicates: Map<number, DuplicateMatch[]>;
  reports: ImportRowReport[];
  blocking: Block[];
  /** Per row, what a commit will do. */
  actions: Map<number, ImportDecision | { action: 'create' }>;
};

/**
 * Reads every row, finds duplicates (within the file and against the registry), and
 * checks the decisions: every duplicate needs one, an invalid row can only be skipped,
 * and a merge must name a person of this project or an earlier row that is kept.
 */
export function planImport(
  table: Table,
  mapping: ImportMapping,
  decisions: ImportDecisions,
  existing: readonly { id: number; name: string; birthYear: number | null; country: string | null; email: string | null }[],
  organisations: ReadonlyMap<string, number>,
): ImportPlan {
  const columnOf: Partial<Record<ImportField, number>> = {};
  for (const [field, header] of Object.entries(mapping) as [ImportField, string][]) {
    columnOf[field] = table.headers.indexOf(header);
  }
  const parsed = table.rows.map((cells, i) => parseRow(cells, i + 2, columnOf, mapping, organisations));
  const duplicates = findDuplicates(
    parsed.flatMap((p) =>
      p.person ? [{ row: p.row, name: p.person.name, birthYear: p.person.birthYear, country: p.person.country, email: p.person.email }] : [],
    ),
    existing,
  );
  const existingIds = new Set(existing.map((e) => e.id));
  const blocking: Block[] = [];
  const actions = new Map<number, ImportDecision | { action: 'create' }>();
  const kept = new Set<number>();
  const reports: ImportRowReport[] = [];

  for (const p of parsed) {
    const matches = duplicates.get(p.row) ?? [];
    const decision = decisions[String(p.row)] ?? null;
    const status: ImportRowReport['status'] = p.person === null ? 'invalid' : matches.length ? 'duplicate' : 'ok';
    if (status !== 'ok' || p.warnings.length || decision) {
      reports.push({ row: p.row, status, issues: p.issues, warnings: p.warnings, duplicates: matches, decision });
    }
    if (status === 'invalid') {
      if (decision?.action !== 'skip') blocking.push({ row: p.row, ...explain(issue('survey.row_has_errors')) });
      actions.set(p.row, { action: 'skip' });
      continue;
    }
    if (status === 'duplicate' && !decision) {
      blocking.push({ row: p.row, ...explain(issue('survey.duplicate_undecided')) });
      continue;
    }
    const action = decision ?? { action: 'create' as const };
    if (action.action === 'merge' && 'personId' in action && !existingIds.has(action.personId)) {
      blocking.push({ row: p.row, ...explain(issue('survey.merge_person_unknown', { personId: action.personId })) });
      continue;
    }
    if (action.action === 'merge' && 'row' in action && (action.row >= p.row || !kept.has(action.row))) {
      blocking.push({ row: p.row, ...explain(issue('survey.merge_row_invalid', { target: action.row })) });
      continue;
    }
    if (action.action !== 'skip') kept.add(p.row);
    actions.set(p.row, action);
  }
  for (const key of Object.keys(decisions)) {
    if (!parsed.some((p) => String(p.row) === key)) blocking.push({ row: Number(key), ...explain(issue('survey.decision_row_missing')) });
  }
  return { parsed, duplicates, reports, blocking, actions };
}
