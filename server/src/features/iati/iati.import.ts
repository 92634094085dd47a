import { isDateInRange, MAX_DATE, MIN_DATE } from '@shared/bounds';
import { isDisaggregationComplete, type Disaggregation } from '@shared/calc/disaggregation';
import { COUNTRIES } from '@shared/codelists/iati';
import {
  COVERAGES,
  PARTICIPANT_GROUPS,
  PROJECT_TYPES,
  REGIONS,
  type Coverage,
  type DisaggregationDimension,
  type ProjectStatus,
} from '@shared/enums';
import { fieldIssue, issue } from '@shared/issues';
import { isCurrencyCode, toMinorUnits, type CurrencyCode } from '@shared/money';
import { isIsoDate } from '@shared/schemas/common';
import {
  COVERAGE_IATI_SCOPE,
  DIMENSION_IATI_NAME,
  HAMKORI_TAG_VOCABULARY,
  IATI_STATUS_TO_PROJECT,
  IATI_VERSION,
  SEX_IATI_VALUE,
  type IatiImportActivity,
} from '@shared/schemas/iati';
import { writeAudit } from '../../core/audit';
import type { Db } from '../../db/client';
import { AppError, refused } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import { ILLUSTRATIVE_NOTE, ILLUSTRATIVE_PARTS_NOTE, YEAR_ONLY_NOTE } from './iati.export';
import type { IatiRepository, IndicatorRow, OutcomeRow, OutputRow } from './iati.repository';
import { createTurns } from './turns';
import { clip, type XmlNode } from './xml';

const bad = (message: string, details?: unknown) => new AppError('BAD_REQUEST', message, details);

/** Which activity of the file a value belongs to, for a refusal: its identifier and its position (from 1). */
type Place = { identifier: string; position: number };

/**
 * A date the import reads must lie in the range Hamkori accepts anywhere; a well-formed
 * date outside it refuses the file, on a dry run too. `element` is its place below the
 * activity (`transaction[2]/transaction-date/@iso-date`). A malformed date is left to
 * the caller, which refuses it or leaves its element out with a warning.
 */
function assertDateInRange(place: Place, element: string, iso: string | undefined) {
  if (iso === undefined || !isIsoDate(iso) || isDateInRange(iso)) return;
  const params = { identifier: clip(place.identifier), element, date: iso, min: MIN_DATE, max: MAX_DATE };
  throw refused('BAD_REQUEST', issue('iati.date_out_of_range', params), {
    issues: [fieldIssue(`iati-activities/iati-activity[${place.position}]/${element}`, 'iati.date_out_of_range', params)],
  });
}

const MIN_YEAR = Number(MIN_DATE.slice(0, 4));
const MAX_YEAR = Number(MAX_DATE.slice(0, 4));

/** A year (a baseline's) in the same range; an attribute that is not a whole year is refused the same way. */
function yearInRange(place: Place, element: string, raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  const year = Number(raw.trim());
  if (Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR) return year;
  const params = { identifier: clip(place.identifier), element, year: clip(raw), min: MIN_YEAR, max: MAX_YEAR };
  throw refused('BAD_REQUEST', issue('iati.year_out_of_range', params), {
    issues: [fieldIssue(`iati-activities/iati-activity[${place.position}]/${element}`, 'iati.year_out_of_range', params)],
  });
}

// ----------------------------------------------------------------- reading the tree

const byName = new WeakMap<XmlNode, Map<string, XmlNode[]>>();
/**
 * The children of an element with a name (a list not to be changed). An activity is asked
 * for a score of names; one with a great many children is indexed once instead of
 * scanned for each.
 */
function kids(n: XmlNode | undefined, name: string): XmlNode[] {
  if (!n) return [];
  if (n.children.length < 64) return n.children.filter((c) => c.name === name);
  let index = byName.get(n);
  if (!index) {
    index = new Map();
    for (const c of n.children) {
      const list = index.get(c.name);
      if (list) list.push(c);
      else index.set(c.name, [c]);
    }
    byName.set(n, index);
  }
  return index.get(name) ?? [];
}
const kid = (n: XmlNode | undefined, name: string) => kids(n, name)[0];
/** The first narrative of an element (the one without xml:lang, or in English, preferred). */
function narrativeOf(n: XmlNode | undefined): string {
  const all = kids(n, 'narrative');
  const pick = all.find((x) => !x.attrs['xml:lang'] || x.attrs['xml:lang'] === 'en') ?? all[0];
  return pick?.text.trim() ?? '';
}
function number(s: string | undefined): number | null {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s.trim());
  return Number.isFinite(n) ? n : null;
}

/** Paths (below iati-activity) that the import reads; every other element is listed as ignored. */
const READ = new Set(
  [
    'iati-identifier',
    'reporting-org',
    'reporting-org/narrative',
    'title',
    'title/narrative',
    'description',
    'description/narrative',
    'participating-org',
    'participating-org/narrative',
    'activity-status',
    'activity-date',
    'activity-date/narrative',
    'activity-scope',
    'recipient-country',
    'recipient-country/narrative',
    'sector',
    'sector/narrative',
    'tag',
    'budget',
    'budget/period-start',
    'budget/period-end',
    'budget/value',
    'transaction',
    'transaction/transaction-type',
    'transaction/transaction-date',
    'transaction/value',
    'transaction/description',
    'transaction/description/narrative',
    'transaction/receiver-org',
    'transaction/receiver-org/narrative',
    'result',
    'result/title',
    'result/title/narrative',
    'result/description',
    'result/description/narrative',
    'result/reference',
    'result/indicator',
    'result/indicator/title',
    'result/indicator/title/narrative',
    'result/indicator/description',
    'result/indicator/description/narrative',
    'result/indicator/baseline',
    'result/indicator/baseline/comment',
    'result/indicator/baseline/comment/narrative',
    'result/indicator/period',
    'result/indicator/period/period-start',
    'result/indicator/period/period-end',
    'result/indicator/period/target',
    'result/indicator/period/target/dimension',
    'result/indicator/period/target/comment',
    'result/indicator/period/target/comment/narrative',
    'result/indicator/period/actual',
    'result/indicator/period/actual/dimension',
    'result/indicator/period/actual/comment',
    'result/indicator/period/actual/comment/narrative',
  ].map((p) => `iati-activities/iati-activity/${p}`),
);

/** The preview lists this many paths not read at most, the most frequent first: enough for any real file. */
const MAX_IGNORED_PATHS = 100;
/** Paths counted at most: a file of a million different names is counted by its first ones. */
const MAX_COUNTED_PATHS = 10_000;

/**
 * Counts the elements not read, by path. Paths are made only down to the first element not
 * read, so a deep or wide file costs one short string per element; the walk lets the
 * event loop turn now and then.
 */
async function collectIgnored(root: XmlNode): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const turn = createTurns();
  const pending: [XmlNode, string][] = [[root, root.name]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    await turn();
    const [node, path] = next;
    for (const c of node.children) {
      const at = `${path}/${c.name}`;
      if (at === 'iati-activities/iati-activity' || READ.has(at)) pending.push([c, at]);
      else if (counts.has(at) || counts.size < MAX_COUNTED_PATHS) counts.set(at, (counts.get(at) ?? 0) + 1);
    }
  }
  return counts;
}

// ----------------------------------------------------------------- the plan

type Parts = Disaggregation;
type PlannedPeriod = {
  start: string;
  end: string;
  target: number | null;
  targetParts: Parts | null;
  actual: { value: number | null; narrative: string | null; parts: Parts | null } | null;
};
type PlannedIndicator = {
  title: string;
  definition: string;
  measure: 'number' | 'percentage' | 'qualitative';
  direction: 'higher_is_better' | 'lower_is_better';
  baseline: { year: number | null; value: number | null; comment: string } | null;
  periods: PlannedPeriod[];
  dimensions: DisaggregationDimension[];
};
type PlannedNode = { title: string; description: string; indicators: PlannedIndicator[] };

/** One iati-activity read into what Hamkori stores. */
export type ActivityPlan = {
  identifier: string;
  code: string;
  project: {
    title: string;
    description: string;
    goal: string;
    status: ProjectStatus;
    type: string | null;
    region: string | null;
    coverage: Coverage;
    startYear: number;
    endYear: number;
    plannedStart: string | null;
    plannedEnd: string | null;
    currency: CurrencyCode;
    budgetMinor: number;
    implementingOrg: string;
    funder: string;
    illustrative: boolean;
  };
  countries: string[];
  /** The file says some figures are demo data: what is imported is marked illustrative. */
  illustrativeParts: boolean;
  revisedBudgetMinor: number | null;
  transactions: { type: 'commitment' | 'expenditure'; date: string; minor: number; reference: string; description: string; payee: string }[];
  goalIndicators: PlannedIndicator[];
  /** By outcome number (1-based); gaps are filled with placeholders so codes keep their meaning. */
  outcomes: Map<number, PlannedNode>;
  outputs: Map<string, PlannedNode & { outcome: number; position: number }>;
  warnings: string[];
};

const SEX_FROM_IATI: Record<string, 'women' | 'men' | 'other'> = Object.fromEntries(
  Object.entries(SEX_IATI_VALUE).map(([k, v]) => [v, k as 'women' | 'men' | 'other']),
);
const DIMENSION_FROM_IATI: Record<string, DisaggregationDimension> = Object.fromEntries(
  Object.entries(DIMENSION_IATI_NAME).map(([k, v]) => [v, k as DisaggregationDimension]),
);

/** Splits target or actual elements into the total (no dimension) and the parts (one dimension each). */
function readValues(elements: XmlNode[], warnings: string[], where: string) {
  let total: XmlNode | null = null;
  const parts: Parts = {};
  for (const e of elements) {
    const dims = kids(e, 'dimension');
    if (dims.length === 0) {
      total ??= e;
      continue;
    }
    const d = dims[0]!;
    const name = d.attrs.name ?? '';
    // Own keys only: a name such as "constructor" must not find Object's.
    const dim = Object.hasOwn(DIMENSION_FROM_IATI, name) ? DIMENSION_FROM_IATI[name] : undefined;
    const v = number(e.attrs.value);
    const raw = d.attrs.value ?? '';
    const part =
      dim === 'sex' && Object.hasOwn(SEX_FROM_IATI, raw)
        ? SEX_FROM_IATI[raw]
        : dim === 'participantGroup' && (PARTICIPANT_GROUPS as readonly string[]).includes(raw)
          ? raw
          : undefined;
    if (dims.length > 1 || !dim || !part || v === null) {
      warnings.push(`${where}: a value by dimension "${clip(name)}" = "${clip(raw)}" is not one Hamkori keeps; left out`);
      continue;
    }
    const bucket = ((parts as Record<string, Record<string, number | null>>)[dim] ??= {});
    bucket[part] = v;
  }
  // Parts not given are unknown, not zero.
  for (const [dim, names] of [
    ['sex', ['women', 'men', 'other']],
    ['participantGroup', PARTICIPANT_GROUPS],
  ] as const) {
    const bucket = (parts as Record<string, Record<string, number | null>>)[dim];
    if (bucket) for (const n of names) bucket[n] ??= null;
  }
  return { total, parts: Object.keys(parts).length ? parts : null };
}

/** `at` is the indicator's place below its activity (`result[2]/indicator[1]`). */
function readIndicator(n: XmlNode, warnings: string[], place: Place, at: string): PlannedIndicator {
  const title = narrativeOf(kid(n, 'title'));
  if (!title) throw bad('An indicator has no title');
  const named = `Indicator "${clip(title)}"`;
  const measureCode = n.attrs.measure ?? '1';
  const measure = measureCode === '2' ? 'percentage' : measureCode === '1' ? 'number' : 'qualitative';
  if (measureCode === '3' || measureCode === '4') warnings.push(`${named}: nominal and ordinal measures are read as qualitative`);
  const b = kid(n, 'baseline');
  const baselineYear = b ? yearInRange(place, `${at}/baseline/@year`, b.attrs.year) : null;
  const dimensions = new Set<DisaggregationDimension>();
  const periods: PlannedPeriod[] = kids(n, 'period').map((p, k) => {
    const start = kid(p, 'period-start')?.attrs['iso-date'] ?? '';
    const end = kid(p, 'period-end')?.attrs['iso-date'] ?? '';
    assertDateInRange(place, `${at}/period[${k + 1}]/period-start/@iso-date`, start);
    assertDateInRange(place, `${at}/period[${k + 1}]/period-end/@iso-date`, end);
    if (!isIsoDate(start) || !isIsoDate(end) || end < start) throw bad(`${named} has a period with invalid dates (${clip(start)} – ${clip(end)})`);
    const targets = readValues(kids(p, 'target'), warnings, `${named} ${start}`);
    const actuals = readValues(kids(p, 'actual'), warnings, `${named} ${start}`);
    for (const parts of [targets.parts, actuals.parts]) for (const d of Object.keys(parts ?? {})) dimensions.add(d as DisaggregationDimension);
    const actualNode = actuals.total;
    const actualValue = number(actualNode?.attrs.value);
    const narrative = actualNode ? narrativeOf(kid(actualNode, 'comment')) || null : null;
    return {
      start,
      end,
      target: number(targets.total?.attrs.value),
      targetParts: targets.parts,
      actual:
        actualNode && (actualValue !== null || narrative)
          ? { value: measure === 'qualitative' && actualValue !== null ? Math.round(actualValue) : actualValue, narrative, parts: actuals.parts }
          : null,
    };
  });
  periods.sort((a, b2) => (a.start < b2.start ? -1 : a.start > b2.start ? 1 : 0));
  for (let i = 1; i < periods.length; i++) {
    if (periods[i]!.start <= periods[i - 1]!.end) throw bad(`${named} has overlapping periods`);
  }
  return {
    title: title.slice(0, 500),
    definition: narrativeOf(kid(n, 'description')),
    measure,
    direction: n.attrs.ascending === '0' || n.attrs.ascending === 'false' ? 'lower_is_better' : 'higher_is_better',
    baseline: b ? { year: baselineYear, value: number(b.attrs.value), comment: narrativeOf(kid(b, 'comment')) } : null,
    periods,
    dimensions: [...dimensions],
  };
}

/** The first date of a type, and whether it is known to the day (no year-only note). */
function dateOf(a: XmlNode, type: string, place: Place): { iso: string; exact: boolean } | null {
  const dates = kids(a, 'activity-date');
  const k = dates.findIndex((x) => x.attrs.type === type);
  const d = dates[k];
  const iso = d?.attrs['iso-date'];
  if (!d || !iso) return null;
  if (!isIsoDate(iso)) throw bad(`activity-date type ${type} is not a valid date: ${clip(iso)}`);
  assertDateInRange(place, `activity-date[${k + 1}]/@iso-date`, iso);
  return { iso, exact: narrativeOf(d) !== YEAR_ONLY_NOTE && kids(d, 'narrative').length === 0 };
}

/**
 * Reads one iati-activity (the position-th, from 1); anything Hamkori cannot store is
 * refused (400) with the reason. Every name and value from the file that a message
 * repeats is clipped, so that the refusal of a file stays small.
 */
export function planActivity(a: XmlNode, position: number): ActivityPlan {
  const warnings: string[] = [];
  const identifier = kid(a, 'iati-identifier')?.text.trim() ?? '';
  if (!identifier) throw bad('An activity has no iati-identifier');
  const place: Place = { identifier, position };
  const where = (m: string) => `${clip(identifier)}: ${m}`;
  const orgRef = kid(a, 'reporting-org')?.attrs.ref ?? '';
  const code = orgRef && identifier.startsWith(`${orgRef}-`) ? identifier.slice(orgRef.length + 1) : identifier;
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/.test(code)) {
    throw bad(
      where(
        `the project ID "${clip(code)}" (the identifier without the reporting organisation) is not one Hamkori can store: letters, digits, dot, dash, slash, at most 40`,
      ),
    );
  }
  const title = narrativeOf(kid(a, 'title'));
  if (!title) throw bad(where('the activity has no title'));
  const currency = a.attrs['default-currency'] ?? kid(kid(a, 'budget'), 'value')?.attrs.currency ?? '';
  if (!isCurrencyCode(currency)) throw bad(where(`the activity has no known default-currency ("${clip(currency)}")`));

  const descriptions = kids(a, 'description');
  const descriptionOf = (type: string) => narrativeOf(descriptions.find((d) => (d.attrs.type ?? '1') === type));

  const plannedStart = dateOf(a, '1', place) ?? dateOf(a, '2', place);
  const plannedEnd = dateOf(a, '3', place) ?? dateOf(a, '4', place);
  if (!plannedStart || !plannedEnd) throw bad(where('the activity needs a start and an end date (activity-date types 1–4)'));
  if (plannedEnd.iso < plannedStart.iso) throw bad(where('the end date is before the start date'));

  const statusCode = kid(a, 'activity-status')?.attrs.code ?? '';
  const status = Object.hasOwn(IATI_STATUS_TO_PROJECT, statusCode) ? IATI_STATUS_TO_PROJECT[statusCode] : undefined;
  if (!status) throw bad(where(`unknown activity-status code "${clip(statusCode)}"`));

  const countries: string[] = [];
  for (const c of kids(a, 'recipient-country')) {
    const cc = c.attrs.code ?? '';
    if (Object.hasOwn(COUNTRIES, cc)) countries.push(cc);
    else warnings.push(`recipient-country "${clip(cc)}" is not a known country code; left out`);
  }
  if (countries.length === 0) throw bad(where('the activity needs at least one known recipient-country'));

  const tags = new Map(
    kids(a, 'tag')
      .filter((t) => t.attrs.vocabulary === HAMKORI_TAG_VOCABULARY)
      .map((t) => (t.attrs.code ?? '').split(':') as [string, string]),
  );
  const region = tags.get('region');
  const type = tags.get('type');
  const scope = kid(a, 'activity-scope')?.attrs.code;
  const coverage =
    (Object.entries(COVERAGE_IATI_SCOPE).find(([, c]) => c === scope)?.[0] as Coverage | undefined) ??
    (scope && Number(scope) >= 5 ? 'subnational' : 'national');

  // Budgets: type 1 (original) and 2 (revised), each summed over its periods.
  const sums: Record<'1' | '2', number | null> = { '1': null, '2': null };
  kids(a, 'budget').forEach((b, k) => {
    const at = `budget[${k + 1}]`;
    assertDateInRange(place, `${at}/period-start/@iso-date`, kid(b, 'period-start')?.attrs['iso-date']);
    assertDateInRange(place, `${at}/period-end/@iso-date`, kid(b, 'period-end')?.attrs['iso-date']);
    assertDateInRange(place, `${at}/value/@value-date`, kid(b, 'value')?.attrs['value-date']);
  });
  for (const b of kids(a, 'budget')) {
    const t = (b.attrs.type ?? '1') as '1' | '2';
    if (t !== '1' && t !== '2') continue;
    const v = kid(b, 'value');
    const c = v?.attrs.currency ?? currency;
    const minor = c === currency ? toMinorUnits((v?.text ?? '').trim(), currency) : null;
    if (minor === null) {
      warnings.push(`a budget of ${clip(v?.text.trim() ?? '?')} ${clip(c)} is not a plain amount in ${currency}; left out`);
      continue;
    }
    sums[t] = (sums[t] ?? 0) + minor;
  }

  const transactions: ActivityPlan['transactions'] = [];
  for (const [k, t] of kids(a, 'transaction').entries()) {
    const tc = kid(t, 'transaction-type')?.attrs.code;
    if (tc !== '2' && tc !== '4') {
      warnings.push(`a transaction of type ${clip(tc ?? '?')} is neither a commitment (2) nor an expenditure (4); left out`);
      continue;
    }
    const date = kid(t, 'transaction-date')?.attrs['iso-date'] ?? '';
    const v = kid(t, 'value');
    assertDateInRange(place, `transaction[${k + 1}]/transaction-date/@iso-date`, date);
    assertDateInRange(place, `transaction[${k + 1}]/value/@value-date`, v?.attrs['value-date']);
    const c = v?.attrs.currency ?? currency;
    const minor = c === currency ? toMinorUnits((v?.text ?? '').trim(), currency) : null;
    if (!isIsoDate(date) || minor === null || minor === 0) {
      warnings.push(
        `a transaction of ${clip(v?.text.trim() ?? '?')} ${clip(c)} on ${clip(date || '?')} is not a dated amount in ${currency}; left out`,
      );
      continue;
    }
    transactions.push({
      type: tc === '2' ? 'commitment' : 'expenditure',
      date,
      minor,
      reference: (t.attrs.ref ?? '').slice(0, 100),
      description: narrativeOf(kid(t, 'description')).slice(0, 2000),
      payee: narrativeOf(kid(t, 'receiver-org')).slice(0, 300),
    });
  }

  const goalIndicators: PlannedIndicator[] = [];
  const outcomes = new Map<number, PlannedNode>();
  const outputs = new Map<string, PlannedNode & { outcome: number; position: number }>();
  let unnumbered = 0;
  for (const [k, r] of kids(a, 'result').entries()) {
    const rtitle = narrativeOf(kid(r, 'title')) || 'Result';
    const indicators = kids(r, 'indicator').map((i, j) => readIndicator(i, warnings, place, `result[${k + 1}]/indicator[${j + 1}]`));
    const ref = kids(r, 'reference').find((x) => x.attrs.vocabulary === HAMKORI_TAG_VOCABULARY)?.attrs.code ?? '';
    const node = { title: rtitle.slice(0, 500), description: narrativeOf(kid(r, 'description')), indicators };
    const rtype = r.attrs.type;
    if (rtype === '3') goalIndicators.push(...indicators);
    else if (rtype === '1' && /^\d{1,3}\.\d{1,3}$/.test(ref)) {
      const [o, x] = ref.split('.').map(Number) as [number, number];
      outputs.set(ref, { ...node, outcome: o, position: x });
    } else if (/^\d{1,3}$/.test(ref)) outcomes.set(Number(ref), node);
    else {
      // Results of other publishers: each becomes an outcome after the numbered ones.
      unnumbered += 1;
      outcomes.set(1000 + unnumbered, node);
    }
  }

  return {
    identifier,
    code,
    project: {
      title: title.slice(0, 300),
      // The export writes the title when a project has no description.
      description: descriptionOf('1') === title ? '' : descriptionOf('1').slice(0, 10_000),
      goal: descriptionOf('2').slice(0, 2000),
      status,
      type: type && (PROJECT_TYPES as readonly string[]).includes(type) ? type : null,
      region: region && (REGIONS as readonly string[]).includes(region) ? region : null,
      coverage: (COVERAGES as readonly string[]).includes(coverage) ? coverage : 'national',
      startYear: Number(plannedStart.iso.slice(0, 4)),
      endYear: Number(plannedEnd.iso.slice(0, 4)),
      plannedStart: plannedStart.exact ? plannedStart.iso : null,
      plannedEnd: plannedEnd.exact ? plannedEnd.iso : null,
      currency,
      budgetMinor: sums['1'] ?? sums['2'] ?? 0,
      implementingOrg: narrativeOf(kids(a, 'participating-org').find((o) => o.attrs.role === '4')).slice(0, 300),
      funder: narrativeOf(kids(a, 'participating-org').find((o) => o.attrs.role === '1')).slice(0, 300),
      illustrative: descriptions.some((d) => d.attrs.type === '4' && narrativeOf(d) === ILLUSTRATIVE_NOTE),
    },
    illustrativeParts: descriptions.some((d) => d.attrs.type === '4' && narrativeOf(d) === ILLUSTRATIVE_PARTS_NOTE),
    countries,
    revisedBudgetMinor: sums['2'],
    transactions,
    goalIndicators,
    outcomes,
    outputs,
    warnings,
  };
}

/** Reads an iati-activities document: version 2.03 only. The event loop turns between activities now and then. */
export async function planDocument(root: XmlNode): Promise<{ plans: ActivityPlan[]; ignored: { path: string; count: number }[] }> {
  if (root.name !== 'iati-activities')
    throw bad(`The document is not an IATI activity file (its root is <${clip(root.name)}>, not <iati-activities>)`);
  const version = root.attrs.version ?? '';
  if (version !== IATI_VERSION)
    throw bad(`The file is IATI version "${clip(version)}"; Hamkori reads version ${IATI_VERSION} only`, { version: clip(version) });
  const activities = kids(root, 'iati-activity');
  if (activities.length === 0) throw bad('The file has no iati-activity');
  if (activities.length > 500) throw bad('The file has more than 500 activities; split it');
  const plans: ActivityPlan[] = [];
  const turn = createTurns();
  for (const [k, a] of activities.entries()) {
    await turn();
    plans.push(planActivity(a, k + 1));
  }
  const codes = new Set<string>();
  for (const p of plans) {
    if (codes.has(p.code)) throw bad(`The file has two activities with the project ID ${p.code}`);
    codes.add(p.code);
  }
  const counts = await collectIgnored(root);
  // The most frequent first, cut to the list's length, then listed in path order.
  const ignored = [...counts.entries()]
    .sort(([p, m], [q, n]) => n - m || (p < q ? -1 : p > q ? 1 : 0))
    .slice(0, MAX_IGNORED_PATHS)
    .map(([path, count]) => ({ path: clip(path, 300), count }))
    .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return { plans, ignored };
}

// ----------------------------------------------------------------- applying a plan

type Counts = { create: number; update: number; unchanged: number };
const zero = (): Counts => ({ create: 0, update: 0, unchanged: 0 });

/**
 * Applies (or, with write false, only counts) one activity's plan. The caller runs it
 * in a transaction; on a dry run nothing is written and ids of new records are made up.
 */
export async function applyPlan(
  db: Db,
  repo: IatiRepository,
  user: AuthUser,
  plan: ActivityPlan,
  write: boolean,
  canUpdate: (projectId: number) => Promise<boolean>,
): Promise<IatiImportActivity> {
  const now = new Date().toISOString();
  const out: IatiImportActivity = {
    identifier: plan.identifier,
    code: plan.code,
    title: plan.project.title,
    action: 'create',
    projectId: null,
    outcomes: zero(),
    outputs: zero(),
    indicators: zero(),
    periods: zero(),
    values: zero(),
    budgets: zero(),
    transactions: zero(),
    warnings: [...plan.warnings],
  };
  const existing = await repo.projectByCode(plan.code);
  const record = existing ? await repo.record(existing.id) : undefined;
  if (existing) {
    // The same answer whether the caller cannot see the project or may not change it, and it names only the file's own identifier.
    if (!(await canUpdate(existing.id))) throw refused('CONFLICT', issue('iati.project_not_updatable', { identifier: clip(plan.identifier) }));
    if (existing.currency !== plan.project.currency) {
      throw new AppError('CONFLICT', `Project ${plan.code} keeps its money in ${existing.currency}; the file gives ${plan.project.currency}`, {
        code: plan.code,
      });
    }
    out.action = 'update';
  }
  let fakeId = -1;
  const id = async (real: () => Promise<number>) => (write ? real() : fakeId--);

  // --- the project record
  const p = plan.project;
  const fields = {
    title: p.title,
    description: p.description,
    goal: p.goal,
    status: p.status,
    coverage: p.coverage,
    startYear: p.startYear,
    endYear: p.endYear,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    budgetMinor: p.budgetMinor,
    implementingOrg: p.implementingOrg,
    funder: p.funder,
    illustrative: p.illustrative,
    ...(p.type ? { type: p.type } : {}),
    ...(p.region ? { region: p.region } : {}),
  };
  let projectId: number;
  if (existing) {
    projectId = existing.id;
    const changed =
      Object.entries(fields).some(([k, v]) => (existing as Record<string, unknown>)[k] !== v) || record?.countries.join() !== plan.countries.join();
    if (changed && write) {
      await repo.updateProject(projectId, fields);
      await repo.setCountries(projectId, plan.countries);
      await repo.bumpVersion(projectId, existing.version);
      await writeAudit(db, {
        userId: user.id,
        entity: 'project',
        entityId: projectId,
        projectId,
        action: 'update',
        before: existing,
        after: fields,
        note: 'IATI import',
      });
    }
  } else {
    projectId = await id(async () => {
      const created = await repo.insertProject({
        code: plan.code,
        currency: p.currency,
        type: p.type ?? 'other',
        region: p.region ?? 'global',
        ...fields,
      });
      await repo.setCountries(created, plan.countries);
      if (user.role !== 'admin') await repo.addMember(created, user.id);
      await writeAudit(db, {
        userId: user.id,
        entity: 'project',
        entityId: created,
        projectId: created,
        action: 'create',
        after: { code: plan.code, ...fields },
        note: 'IATI import',
      });
      return created;
    });
  }
  out.projectId = write || existing ? projectId : null;

  // --- outcomes and outputs, by number; gaps get placeholders so numbers keep their meaning
  const outcomeRows: (OutcomeRow | { id: number })[] = [...(record?.outcomes ?? [])];
  const wantedOutcomes = [...plan.outcomes.keys(), ...[...plan.outputs].map(([, x]) => x.outcome)];
  const numbered = wantedOutcomes.filter((n) => n < 1000);
  const highest = numbered.length ? Math.max(...numbered) : 0;
  const outcomeOrder = [
    ...Array.from({ length: highest }, (_, i) => i + 1),
    ...[...plan.outcomes.keys()].filter((n) => n >= 1000).sort((x, y) => x - y),
  ];
  const outcomeIdOf = new Map<number, number>();
  for (const n of outcomeOrder) {
    const node = plan.outcomes.get(n);
    const at = outcomeRows.length;
    const position = n < 1000 ? n : at + 1;
    const have = n < 1000 ? (outcomeRows[n - 1] as OutcomeRow | undefined) : undefined;
    if (have && 'title' in have) {
      outcomeIdOf.set(n, have.id);
      if (node && (have.title !== node.title || have.description !== node.description)) {
        out.outcomes.update += 1;
        if (write) await repo.updateOutcome(have.id, { title: node.title, description: node.description }, have.version);
      } else out.outcomes.unchanged += 1;
      continue;
    }
    const title = node?.title ?? `Outcome ${n}`;
    const created = await id(async () => (await repo.insertOutcome({ projectId, title, description: node?.description ?? '', position })).id);
    outcomeRows.push({ id: created });
    outcomeIdOf.set(n, created);
    out.outcomes.create += 1;
  }

  const outputIdOf = new Map<string, number>();
  const existingOutputs = record?.outputs ?? [];
  const outputKeys = [...plan.outputs.keys()].sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  for (const key of outputKeys) {
    const node = plan.outputs.get(key)!;
    const outcomeId = outcomeIdOf.get(node.outcome)!;
    const siblings = existingOutputs.filter((x) => x.outcomeId === outcomeId);
    // Positions below this one that the file does not name get placeholders.
    for (let k = siblings.length + 1; k < node.position; k++) {
      if (plan.outputs.has(`${node.outcome}.${k}`) || outputIdOf.has(`${node.outcome}.${k}`)) continue;
      const made = await id(async () => (await repo.insertOutput({ projectId, outcomeId, title: `Output ${node.outcome}.${k}`, position: k })).id);
      outputIdOf.set(`${node.outcome}.${k}`, made);
      out.outputs.create += 1;
    }
    const have = siblings[node.position - 1] as OutputRow | undefined;
    if (have) {
      outputIdOf.set(key, have.id);
      if (have.title !== node.title || have.description !== node.description) {
        out.outputs.update += 1;
        if (write) await repo.updateOutput(have.id, { title: node.title, description: node.description }, have.version);
      } else out.outputs.unchanged += 1;
      continue;
    }
    outputIdOf.set(
      key,
      await id(
        async () => (await repo.insertOutput({ projectId, outcomeId, title: node.title, description: node.description, position: node.position })).id,
      ),
    );
    out.outputs.create += 1;
  }

  // --- indicators, periods and approved values
  let position = Math.max(0, ...(record?.indicators ?? []).map((i) => i.position));
  const importIndicators = async (list: PlannedIndicator[], parent: { outcomeId: number | null; outputId: number | null }) => {
    for (const pi of list) {
      const have = (record?.indicators ?? []).find(
        (i) => i.title === pi.title && i.outcomeId === parent.outcomeId && i.outputId === parent.outputId,
      ) as IndicatorRow | undefined;
      const lastTarget = [...pi.periods].reverse().find((x) => x.target !== null)?.target ?? null;
      const columns = {
        title: pi.title,
        definition: pi.definition,
        measure: pi.measure,
        direction: pi.direction,
        baselineValue: pi.baseline?.value ?? null,
        baselineYear: pi.baseline?.year ?? null,
        baselineComment: pi.baseline?.comment ?? '',
        disaggregations: pi.dimensions,
      };
      let indicatorId: number;
      if (have) {
        indicatorId = have.id;
        const changed = Object.entries(columns).some(([k, v]) => JSON.stringify((have as Record<string, unknown>)[k]) !== JSON.stringify(v));
        if (changed) {
          out.indicators.update += 1;
          if (write)
            await repo.updateIndicator(
              have.id,
              { ...columns, disaggregations: [...new Set([...have.disaggregations, ...pi.dimensions])] },
              have.version,
            );
        } else out.indicators.unchanged += 1;
      } else {
        position += 1;
        indicatorId = await id(
          async () =>
            (
              await repo.insertIndicator({
                projectId,
                ...parent,
                ...columns,
                aggregation: 'cumulative',
                frequency: 'custom',
                // IATI has no life-of-project target; the last period's is the nearest thing.
                targetValue: lastTarget,
                position,
                illustrative: plan.illustrativeParts,
              })
            ).id,
        );
        out.indicators.create += 1;
      }
      const periods = (record?.periods ?? []).filter((x) => x.indicatorId === indicatorId);
      for (const pp of pi.periods) {
        const same = periods.find((x) => x.start === pp.start && x.end === pp.end);
        let periodId: number;
        if (same) {
          periodId = same.id;
          const changed = same.target !== pp.target || JSON.stringify(same.targetDisaggregation ?? null) !== JSON.stringify(pp.targetParts);
          const locked = record?.approved.has(same.id);
          if (changed && locked) out.warnings.push(`"${clip(pi.title)}" ${pp.start}: the period's value is approved, so its target was kept`);
          else if (changed) {
            out.periods.update += 1;
            if (write) await repo.updatePeriod(same.id, { target: pp.target, targetDisaggregation: pp.targetParts }, same.version);
          } else out.periods.unchanged += 1;
        } else {
          if (periods.some((x) => x.start <= pp.end && pp.start <= x.end)) {
            out.warnings.push(`"${clip(pi.title)}" ${pp.start} – ${pp.end} overlaps a period the indicator has; left out`);
            continue;
          }
          periodId = await id(
            async () =>
              (
                await repo.insertPeriod({
                  projectId,
                  indicatorId,
                  start: pp.start,
                  end: pp.end,
                  target: pp.target,
                  targetDisaggregation: pp.targetParts,
                })
              ).id,
          );
          out.periods.create += 1;
        }
        if (!pp.actual) continue;
        const current = write || same ? (periodId > 0 ? await repo.valueOfPeriod(periodId) : undefined) : undefined;
        const isQualitative = pi.measure === 'qualitative';
        const value = isQualitative ? null : pp.actual.value;
        const score = isQualitative && pp.actual.value !== null ? Math.min(5, Math.max(1, pp.actual.value)) : null;
        if (current) {
          const same2 =
            current.value === value && current.score === score && (current.narrative ?? null) === (isQualitative ? pp.actual.narrative : null);
          if (same2 && current.status === 'approved') out.values.unchanged += 1;
          else out.warnings.push(`"${clip(pi.title)}" ${pp.start}: the period already has a value (${current.status}); it was kept`);
          continue;
        }
        out.values.create += 1;
        if (write) {
          await repo.insertValue({
            projectId,
            periodId,
            status: 'approved',
            value,
            score,
            narrative: isQualitative ? (pp.actual.narrative ?? '') : null,
            disaggregation: pp.actual.parts,
            complete: isDisaggregationComplete(value, pp.actual.parts, pi.dimensions),
            reviewNote: 'Imported from IATI',
            createdBy: user.id,
            submittedBy: user.id,
            submittedAt: now,
            reviewedBy: user.id,
            reviewedAt: now,
            illustrative: plan.illustrativeParts,
          });
        }
      }
    }
  };
  await importIndicators(plan.goalIndicators, { outcomeId: null, outputId: null });
  for (const n of outcomeOrder) {
    const node = plan.outcomes.get(n);
    if (node) await importIndicators(node.indicators, { outcomeId: outcomeIdOf.get(n)!, outputId: null });
  }
  for (const key of outputKeys) await importIndicators(plan.outputs.get(key)!.indicators, { outcomeId: null, outputId: outputIdOf.get(key)! });

  // --- budget: the original on the record; a revision as one line, unless the project has lines already
  if (existing && existing.budgetMinor === p.budgetMinor) out.budgets.unchanged += 1;
  else if (existing) out.budgets.update += 1;
  else out.budgets.create += 1;
  if (plan.revisedBudgetMinor !== null) {
    if ((record?.lines.length ?? 0) > 0) {
      const current = record!.lines.reduce((s, l) => s + (l.revisedMinor ?? l.originalMinor), 0);
      if (current === plan.revisedBudgetMinor) out.budgets.unchanged += 1;
      else out.warnings.push("The revised budget differs from the project's budget lines; the lines were kept");
    } else {
      out.budgets.create += 1;
      if (write) {
        await repo.insertLine({
          projectId,
          code: 'IATI',
          title: 'Budget (imported from IATI)',
          category: 'other',
          originalMinor: p.budgetMinor,
          revisedMinor: plan.revisedBudgetMinor,
          currency: p.currency,
          illustrative: plan.illustrativeParts,
        });
      }
    }
  }

  // --- transactions: an entry with the same type, date, amount and reference is already there
  const entries = record?.entries ?? [];
  for (const t of plan.transactions) {
    const dup = entries.find((e) => e.type === t.type && e.date === t.date && e.convertedMinor === t.minor && e.reference === t.reference);
    if (dup) {
      out.transactions.unchanged += 1;
      continue;
    }
    out.transactions.create += 1;
    if (write) {
      await repo.insertEntry({
        projectId,
        type: t.type,
        date: t.date,
        amountMinor: t.minor,
        currency: p.currency,
        fxRate: '1',
        convertedMinor: t.minor,
        convertedCurrency: p.currency,
        payee: t.payee,
        reference: t.reference,
        description: t.description,
        correction: t.minor < 0,
        illustrative: plan.illustrativeParts,
      });
    }
  }
  return out;
}
