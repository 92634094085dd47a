import { PARTICIPANT_GROUPS, REGISTRY_SECTORS, SEXES } from '../enums';
import { YEARS_ABROAD_BANDS, type RegistrySummaryDimension, type SummaryCell, type YearsAbroadBand } from '../schemas/registry-summary';

/** Cells of fewer people than this are never published. */
export const SMALL_CELL_THRESHOLD = 5;

/** The key of the cell that collects rare free-text values (occupations, skills). */
export const OTHER_KEY = '_other';
/** People with no value in a dimension. */
export const UNKNOWN_KEY = 'unknown';
/** People with an empty list in a multi-valued dimension (sectors, skills, languages). */
export const NONE_KEY = 'none';

/** What the summary may read of a person: no name, no contact, no birth year, no city. */
export type SummaryPerson = {
  sex: string;
  group: string | null;
  country: string | null;
  yearsAbroad: number | null;
  occupation: string | null;
  sectors: readonly string[];
  skills: readonly string[];
  languages: readonly string[];
};

export type SummaryFilters = {
  country?: string | undefined;
  sector?: string | undefined;
  group?: string | undefined;
  sex?: string | undefined;
  yearsAbroad?: YearsAbroadBand | undefined;
};

export function yearsAbroadBand(years: number | null): YearsAbroadBand {
  if (years === null) return 'unknown';
  if (years < 1) return 'lt_1';
  if (years < 5) return '1_4';
  if (years < 10) return '5_9';
  if (years < 20) return '10_19';
  return '20_plus';
}

type Dimension = {
  /** The keys one person counts under (several for multi-valued dimensions). */
  keys(p: SummaryPerson): string[];
  /** Keys always listed, zero or not, in this order; others follow. */
  fixed: readonly string[];
  /** Free text: rare values are folded into OTHER_KEY, so that the value itself is not disclosed. */
  freeText: boolean;
};

const listOrNone = (values: readonly string[]) => (values.length ? [...new Set(values)] : [NONE_KEY]);

const DIMENSIONS: Record<RegistrySummaryDimension, Dimension> = {
  country: { keys: (p) => [p.country ?? UNKNOWN_KEY], fixed: [], freeText: false },
  sector: { keys: (p) => listOrNone(p.sectors), fixed: [...REGISTRY_SECTORS, NONE_KEY], freeText: false },
  skills: { keys: (p) => listOrNone(p.skills.map((s) => s.trim().toLowerCase())), fixed: [], freeText: true },
  occupation: {
    keys: (p) => [p.occupation?.trim().toLowerCase() || UNKNOWN_KEY],
    fixed: [],
    freeText: true,
  },
  yearsAbroad: { keys: (p) => [yearsAbroadBand(p.yearsAbroad)], fixed: YEARS_ABROAD_BANDS, freeText: false },
  sex: { keys: (p) => [p.sex], fixed: SEXES, freeText: false },
  group: { keys: (p) => [p.group ?? UNKNOWN_KEY], fixed: [...PARTICIPANT_GROUPS, UNKNOWN_KEY], freeText: false },
  languages: { keys: (p) => listOrNone(p.languages), fixed: [], freeText: false },
};

export function matchesFilters(p: SummaryPerson, f: SummaryFilters): boolean {
  if (f.country !== undefined && p.country !== f.country) return false;
  if (f.sector !== undefined && !p.sectors.includes(f.sector)) return false;
  if (f.group !== undefined && p.group !== f.group) return false;
  if (f.sex !== undefined && p.sex !== f.sex) return false;
  if (f.yearsAbroad !== undefined && yearsAbroadBand(p.yearsAbroad) !== f.yearsAbroad) return false;
  return true;
}

function countKeys(people: readonly SummaryPerson[], dim: Dimension): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of people) for (const k of dim.keys(p)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/**
 * Small-cell suppression of one table (one dimension), as a pure function.
 *
 * 1. Primary: a cell of 1 to threshold−1 people is suppressed, and so is any cell in
 *    `forced` (cells that another published table would let someone work out).
 * 2. Complementary: if anything is suppressed, further cells are suppressed, smallest
 *    non-zero first, until at least two cells are suppressed and together hold at least
 *    `threshold` people. So the total minus the published cells never gives back a
 *    small cell, nor a small group of cells.
 * 3. Zero cells are published as 0: they describe no one.
 * 4. If the total itself is 1 to threshold−1, everything (total included) is suppressed.
 *
 * Suppressed cells are listed after the published ones in key order, so their order
 * does not hint at their size.
 */
export function suppressCells(
  counts: readonly { key: string; count: number }[],
  total: number,
  threshold = SMALL_CELL_THRESHOLD,
  forced: ReadonlySet<string> = new Set(),
): SummaryCell[] {
  const suppressed = new Set<string>();
  if (total > 0 && total < threshold) {
    for (const c of counts) if (c.count > 0) suppressed.add(c.key);
  } else {
    for (const c of counts) {
      if ((c.count > 0 && c.count < threshold) || (c.count > 0 && forced.has(c.key))) suppressed.add(c.key);
    }
    if (suppressed.size > 0) {
      const held = () => counts.reduce((sum, c) => sum + (suppressed.has(c.key) ? c.count : 0), 0);
      const candidates = counts
        .map((c, i) => ({ ...c, i }))
        .filter((c) => c.count > 0 && !suppressed.has(c.key))
        .sort((a, b) => a.count - b.count || a.i - b.i);
      for (const c of candidates) {
        if (suppressed.size >= 2 && held() >= threshold) break;
        suppressed.add(c.key);
      }
    }
  }
  const published = counts.filter((c) => !suppressed.has(c.key)).map((c) => ({ key: c.key, count: c.count, suppressed: false }));
  const hidden = counts
    .filter((c) => suppressed.has(c.key))
    .map((c) => c.key)
    .sort()
    .map((key) => ({ key, count: null, suppressed: true }));
  return [...published, ...hidden];
}

/** Every subset of the active filters except the full set: the queries a caller could difference against. */
function properSubsets(filters: SummaryFilters): SummaryFilters[] {
  const entries = Object.entries(filters).filter(([, v]) => v !== undefined);
  const subsets: SummaryFilters[] = [];
  for (let mask = 0; mask < (1 << entries.length) - 1; mask++) {
    subsets.push(Object.fromEntries(entries.filter((_, i) => mask & (1 << i))) as SummaryFilters);
  }
  return subsets;
}

export type SummaryResult = {
  total: SummaryCell;
  dimensions: Record<RegistrySummaryDimension, SummaryCell[]>;
};

/**
 * Aggregates of the registry for partners and donors: counts by dimension, with
 * small-cell suppression (see suppressCells). Filtered answers are also checked
 * against every broader answer (each subset of the filters, down to none): a total
 * or cell that differs from its broader counterpart by 1 to threshold−1 people would
 * disclose those people by subtraction, so it is suppressed too (the whole answer
 * when it is the total).
 */
export function summariseRegistry(people: readonly SummaryPerson[], filters: SummaryFilters = {}, threshold = SMALL_CELL_THRESHOLD): SummaryResult {
  const selected = people.filter((p) => matchesFilters(p, filters));
  const total = selected.length;
  const broader = properSubsets(filters).map((f) => people.filter((p) => matchesFilters(p, f)));
  const hideAll = broader.some((b) => b.length - total > 0 && b.length - total < threshold) || (total > 0 && total < threshold);

  const dimensions = {} as Record<RegistrySummaryDimension, SummaryCell[]>;
  for (const [name, dim] of Object.entries(DIMENSIONS) as [RegistrySummaryDimension, Dimension][]) {
    const counts = countKeys(selected, dim);
    const forced = new Set<string>();
    for (const b of broader) {
      for (const [key, n] of countKeys(b, dim)) {
        const diff = n - (counts.get(key) ?? 0);
        if (diff > 0 && diff < threshold) forced.add(key);
      }
    }
    let cells: { key: string; count: number }[] = [
      ...dim.fixed.map((key) => ({ key, count: counts.get(key) ?? 0 })),
      ...[...counts.entries()]
        .filter(([key]) => !dim.fixed.includes(key))
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([key, count]) => ({ key, count })),
    ];
    if (dim.freeText) {
      const rare = cells.filter((c) => c.key !== UNKNOWN_KEY && c.key !== NONE_KEY && (c.count < threshold || forced.has(c.key)));
      if (rare.length) {
        const other = rare.reduce((sum, c) => sum + c.count, 0);
        cells = [...cells.filter((c) => !rare.includes(c)), { key: OTHER_KEY, count: other }];
        for (const c of rare) forced.delete(c.key);
      }
    }
    dimensions[name] = suppressCells(cells, total, threshold, hideAll ? new Set(cells.map((c) => c.key)) : forced);
  }
  return {
    total: hideAll ? { key: 'total', count: null, suppressed: true } : { key: 'total', count: total, suppressed: false },
    dimensions,
  };
}
