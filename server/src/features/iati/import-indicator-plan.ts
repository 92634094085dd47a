import { isDateInRange, MAX_DATE, MIN_DATE } from '@shared/bounds';
import type { Disaggregation } from '@shared/calc/disaggregation';
import { PARTICIPANT_GROUPS, type DisaggregationDimension } from '@shared/enums';
import { fieldIssue, issue } from '@shared/issues';
import { isIsoDate } from '@shared/schemas/common';
import { DIMENSION_IATI_NAME, SEX_IATI_VALUE } from '@shared/schemas/iati';
import { AppError, refused } from '../../core/errors';
import { YEAR_ONLY_NOTE } from './iati.export';
import { kid, kids, narrativeOf, number } from './import-tree';
import { clip, type XmlNode } from './xml';

export const bad = (message: string, details?: unknown) => new AppError('BAD_REQUEST', message, details);

/** Which activity of the file a value belongs to, for a refusal: its identifier and its position (from 1). */
export type Place = { identifier: string; position: number };

/**
 * A date the import reads must lie in the range Hamkori accepts anywhere; a well-formed
 * date outside it refuses the file, on a dry run too. `element` is its place below the
 * activity (`transaction[2]/transaction-date/@iso-date`). A malformed date is left to
 * the caller, which refuses it or leaves its element out with a warning.
 */
export function assertDateInRange(place: Place, element: string, iso: string | undefined) {
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

type Parts = Disaggregation;
export type PlannedPeriod = {
  start: string;
  end: string;
  target: number | null;
  targetParts: Parts | null;
  actual: { value: number | null; narrative: string | null; parts: Parts | null } | null;
};
export type PlannedIndicator = {
  title: string;
  definition: string;
  measure: 'number' | 'percentage' | 'qualitative';
  direction: 'higher_is_better' | 'lower_is_better';
  baseline: { year: number | null; value: number | null; comment: string } | null;
  periods: PlannedPeriod[];
  dimensions: DisaggregationDimension[];
};
export type PlannedNode = { title: string; description: string; indicators: PlannedIndicator[] };

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
export function readIndicator(n: XmlNode, warnings: string[], place: Place, at: string): PlannedIndicator {
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
export function dateOf(a: XmlNode, type: string, place: Place): { iso: string; exact: boolean } | null {
  const dates = kids(a, 'activity-date');
  const k = dates.findIndex((x) => x.attrs.type === type);
  const d = dates[k];
  const iso = d?.attrs['iso-date'];
  if (!d || !iso) return null;
  if (!isIsoDate(iso)) throw bad(`activity-date type ${type} is not a valid date: ${clip(iso)}`);
  assertDateInRange(place, `activity-date[${k + 1}]/@iso-date`, iso);
  return { iso, exact: narrativeOf(d) !== YEAR_ONLY_NOTE && kids(d, 'narrative').length === 0 };
}
