/** Budget categories of a project budget, in the order reports list them. */
export const BUDGET_CATEGORIES = [
  'staff',
  'office',
  'travel',
  'meetings_events',
  'consultancy',
  'translation_printing',
  'equipment',
  'other',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/** Categories that pay for activities directly: everything but staff and office running costs. */
export const OPERATIONAL_CATEGORIES: readonly BudgetCategory[] = BUDGET_CATEGORIES.filter((c) => c !== 'staff' && c !== 'office');

/** A line of the project budget. Its current amount is the revised one when set, else the original. */
export type BudgetLine = {
  id: number;
  category: BudgetCategory;
  activityId: number | null;
  originalMinor: number;
  revisedMinor: number | null;
};

export const EXPENDITURE_TYPES = ['commitment', 'expenditure'] as const;
export type ExpenditureType = (typeof EXPENDITURE_TYPES)[number];

/**
 * A commitment (money promised, e.g. a signed contract) or an expenditure (money paid).
 * amountMinor is already in the project currency; negative amounts are corrections.
 */
export type Expenditure = {
  id: number;
  budgetLineId: number | null;
  activityId: number | null;
  type: ExpenditureType;
  date: string;
  amountMinor: number;
};

/** Where an activity sits in the results framework. */
export type ActivityRef = { id: number; outcomeId: number; outputId: number | null };

/**
 * remainingMinor = budgetMinor - spentMinor; commitments are reported, not deducted.
 * Sums are bigints: every amount is bounded, but a sum of many of them is not, and a
 * stored amount from before the bound may be as large as the safe integer range.
 */
export type BudgetFigures = {
  budgetMinor: bigint;
  committedMinor: bigint;
  spentMinor: bigint;
  remainingMinor: bigint;
};

/** The rows of a breakdown plus what none of its rows can claim; together they add up to the totals. */
export type Breakdown<Row> = { rows: Row[]; unallocated: BudgetFigures };

export type CategoryRow = BudgetFigures & { category: BudgetCategory };
export type LineRow = BudgetFigures & {
  id: number;
  category: BudgetCategory;
  activityId: number | null;
  originalMinor: number;
  revisedMinor: number | null;
  /** How far spending exceeds the current budget; 0 when it does not. */
  overByMinor: bigint;
  /** Spending exceeds the current budget by more than the tolerance. */
  warning: boolean;
};
export type ActivityRow = BudgetFigures & { activityId: number; outcomeId: number; outputId: number | null };
export type OutcomeRow = BudgetFigures & { outcomeId: number };
export type OutputRow = BudgetFigures & { outputId: number; outcomeId: number };

export type BudgetSummary = {
  totals: BudgetFigures;
  byCategory: Breakdown<CategoryRow>;
  /** unallocated: entries booked on no budget line. */
  byLine: Breakdown<LineRow>;
  /** unallocated: lines and entries tied to no activity. */
  byActivity: Breakdown<ActivityRow>;
  byOutcome: Breakdown<OutcomeRow>;
  /** unallocated: as for activities, plus activities that sit directly under an outcome. */
  byOutput: Breakdown<OutputRow>;
};

export type SummariseBudgetInput = {
  lines: readonly BudgetLine[];
  entries: readonly Expenditure[];
  activities: readonly ActivityRef[];
  /** Share of a line's budget it may overspend before it is flagged; 0.10 = 10 %. At most 4 decimals. */
  tolerance?: number;
};

/**
 * Amounts come from storage as whole numbers. One written before amounts were bounded may
 * lie anywhere a stored integer can, so only the whole number is checked, and every sum
 * is a bigint: no stored amount can make a view fail.
 */
export function assertMinor(value: number, what: string): void {
  if (!Number.isInteger(value)) throw new RangeError(`${what} must be a whole number of minor units, got ${value}`);
}

/** Running sums of one bucket, closed into BudgetFigures at the end. */
type Sums = { budget: bigint; committed: bigint; spent: bigint };
const emptySums = (): Sums => ({ budget: 0n, committed: 0n, spent: 0n });

function toFigures(s: Sums): BudgetFigures {
  return { budgetMinor: s.budget, committedMinor: s.committed, spentMinor: s.spent, remainingMinor: s.budget - s.spent };
}

function addEntry(s: Sums, e: Expenditure): void {
  if (e.type === 'commitment') s.committed += BigInt(e.amountMinor);
  else s.spent += BigInt(e.amountMinor);
}

function mergeInto(target: Sums, source: Sums): void {
  target.budget += source.budget;
  target.committed += source.committed;
  target.spent += source.spent;
}

export function currentBudgetMinor(line: Pick<BudgetLine, 'originalMinor' | 'revisedMinor'>): number {
  return line.revisedMinor ?? line.originalMinor;
}

/** The tolerance in basis points, so the boundary test can be done in exact integers. */
function toleranceBasisPoints(tolerance: number): bigint {
  const bp = Math.round(tolerance * 10_000);
  if (!Number.isFinite(tolerance) || tolerance < 0 || Math.abs(tolerance * 10_000 - bp) > 1e-6) {
    throw new RangeError(`Tolerance must be a non-negative share with at most 4 decimals, got ${tolerance}`);
  }
  return BigInt(bp);
}

/** spent > budget × (1 + tolerance), decided exactly rather than in floating point. */
function exceedsTolerance(spent: bigint, budget: bigint, toleranceBp: bigint): boolean {
  return spent * 10_000n > budget * (10_000n + toleranceBp);
}

/** A map lookup for a key the function itself put there. */
function sumsOf<K>(map: Map<K, Sums>, key: K): Sums {
  const sums = map.get(key);
  if (!sums) throw new Error(`No running sums for ${String(key)}`);
  return sums;
}

function indexById<T extends { id: number }>(items: readonly T[], what: string): Map<number, T> {
  const map = new Map<number, T>();
  for (const item of items) {
    if (map.has(item.id)) throw new RangeError(`Duplicate ${what} id ${item.id}`);
    map.set(item.id, item);
  }
  return map;
}

/**
 * Totals and breakdowns of a project budget against its commitments and expenditures.
 * An entry counts for the activity it names, else for the activity of its budget line.
 * Outcomes and outputs roll up from activities; rows appear in order of first use by
 * `activities`. Every breakdown's rows plus its unallocated bucket add up to the totals.
 * Sums are exact whatever the amounts. Throws RangeError on non-integer amounts,
 * duplicate ids, or references to lines or activities that were not passed in.
 */
export function summariseBudget({ lines, entries, activities, tolerance = 0.1 }: SummariseBudgetInput): BudgetSummary {
  const toleranceBp = toleranceBasisPoints(tolerance);
  const lineById = indexById(lines, 'budget line');
  const activityById = indexById(activities, 'activity');
  const requireActivity = (id: number, where: string): void => {
    if (!activityById.has(id)) throw new RangeError(`${where} refers to unknown activity ${id}`);
  };

  const totals = emptySums();
  const byCategory = new Map<BudgetCategory, Sums>(BUDGET_CATEGORIES.map((c) => [c, emptySums()]));
  const byLine = new Map<number, Sums>(lines.map((l) => [l.id, emptySums()]));
  const byActivity = new Map<number, Sums>(activities.map((a) => [a.id, emptySums()]));
  const noLine = emptySums();
  const noActivity = emptySums();
  const activitySums = (id: number | null): Sums => (id === null ? noActivity : sumsOf(byActivity, id));

  for (const line of lines) {
    assertMinor(line.originalMinor, `Original budget of line ${line.id}`);
    if (line.revisedMinor !== null) assertMinor(line.revisedMinor, `Revised budget of line ${line.id}`);
    if (!BUDGET_CATEGORIES.includes(line.category)) {
      throw new RangeError(`Budget line ${line.id} has unknown category ${String(line.category)}`);
    }
    if (line.activityId !== null) requireActivity(line.activityId, `Budget line ${line.id}`);
    const budget = BigInt(currentBudgetMinor(line));
    const buckets = [totals, sumsOf(byCategory, line.category), sumsOf(byLine, line.id), activitySums(line.activityId)];
    for (const s of buckets) s.budget += budget;
  }

  for (const e of entries) {
    assertMinor(e.amountMinor, `Amount of entry ${e.id}`);
    const line = e.budgetLineId === null ? null : lineById.get(e.budgetLineId);
    if (line === undefined) throw new RangeError(`Entry ${e.id} refers to unknown budget line ${e.budgetLineId}`);
    if (e.activityId !== null) requireActivity(e.activityId, `Entry ${e.id}`);
    const activityId = e.activityId ?? line?.activityId ?? null;
    addEntry(totals, e);
    if (line) {
      addEntry(sumsOf(byCategory, line.category), e);
      addEntry(sumsOf(byLine, line.id), e);
    } else {
      addEntry(noLine, e);
    }
    addEntry(activitySums(activityId), e);
  }

  const byOutcome = new Map<number, Sums>();
  const byOutput = new Map<number, { outcomeId: number; sums: Sums }>();
  const noOutput = emptySums();
  mergeInto(noOutput, noActivity);
  for (const a of activities) {
    const sums = sumsOf(byActivity, a.id);
    let outcome = byOutcome.get(a.outcomeId);
    if (!outcome) byOutcome.set(a.outcomeId, (outcome = emptySums()));
    mergeInto(outcome, sums);
    if (a.outputId === null) {
      mergeInto(noOutput, sums);
      continue;
    }
    let output = byOutput.get(a.outputId);
    if (!output) byOutput.set(a.outputId, (output = { outcomeId: a.outcomeId, sums: emptySums() }));
    if (output.outcomeId !== a.outcomeId) {
      throw new RangeError(`Output ${a.outputId} is placed under outcomes ${output.outcomeId} and ${a.outcomeId}`);
    }
    mergeInto(output.sums, sums);
  }

  // Categories, lines and entries were summed separately; the noLine bucket is shared
  // by byCategory and byLine because an entry without a line has no category either.
  const noLineFigures = toFigures(noLine);
  return {
    totals: toFigures(totals),
    byCategory: {
      rows: BUDGET_CATEGORIES.map((category) => ({ category, ...toFigures(sumsOf(byCategory, category)) })),
      unallocated: noLineFigures,
    },
    byLine: {
      rows: lines.map((l) => {
        const figures = toFigures(sumsOf(byLine, l.id));
        return {
          id: l.id,
          category: l.category,
          activityId: l.activityId,
          originalMinor: l.originalMinor,
          revisedMinor: l.revisedMinor,
          ...figures,
          overByMinor: figures.remainingMinor < 0n ? -figures.remainingMinor : 0n,
          warning: exceedsTolerance(figures.spentMinor, figures.budgetMinor, toleranceBp),
        };
      }),
      unallocated: { ...noLineFigures },
    },
    byActivity: {
      rows: activities.map((a) => ({
        activityId: a.id,
        outcomeId: a.outcomeId,
        outputId: a.outputId,
        ...toFigures(sumsOf(byActivity, a.id)),
      })),
      unallocated: toFigures(noActivity),
    },
    byOutcome: {
      rows: [...byOutcome].map(([outcomeId, s]) => ({ outcomeId, ...toFigures(s) })),
      unallocated: toFigures(noActivity),
    },
    byOutput: {
      rows: [...byOutput].map(([outputId, o]) => ({ outputId, outcomeId: o.outcomeId, ...toFigures(o.sums) })),
      unallocated: toFigures(noOutput),
    },
  };
}
