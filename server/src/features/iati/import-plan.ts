import { COUNTRIES } from '@shared/codelists/iati';
import { COVERAGES, PROJECT_TYPES, REGIONS, type Coverage, type ProjectStatus } from '@shared/enums';
import { isCurrencyCode, toMinorUnits, type CurrencyCode } from '@shared/money';
import { isIsoDate } from '@shared/schemas/common';
import { COVERAGE_IATI_SCOPE, HAMKORI_TAG_VOCABULARY, IATI_STATUS_TO_PROJECT, IATI_VERSION } from '@shared/schemas/iati';
import { ILLUSTRATIVE_NOTE, ILLUSTRATIVE_PARTS_NOTE } from './iati.export';
import { assertDateInRange, bad, dateOf, readIndicator, type Place, type PlannedIndicator, type PlannedNode } from './import-indicator-plan';
import { ignoredPaths, kid, kids, narrativeOf } from './import-tree';
import { createTurns } from './turns';
import { clip, type XmlNode } from './xml';

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
  return { plans, ignored: await ignoredPaths(root) };
}
