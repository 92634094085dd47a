import type { ReportData } from '../schemas/report';

/** What happened to one indicator between two reports; ids match, titles are from the later report. */
export type IndicatorChange = {
  id: number;
  code: string;
  title: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  actualBefore: number | null;
  actualAfter: number | null;
  /** actualAfter − actualBefore when both are known. */
  actualDelta: number | null;
  percentBefore: number | null;
  percentAfter: number | null;
  ragBefore: string | null;
  ragAfter: string | null;
};

export type ActivityChange = {
  id: number;
  title: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  statusBefore: string | null;
  statusAfter: string | null;
  percentCompleteBefore: number | null;
  percentCompleteAfter: number | null;
};

/** Spending figures in minor units of the report currency, before and after. */
export type SpendChange = {
  key: string;
  budgetBefore: number | null;
  budgetAfter: number | null;
  spentBefore: number | null;
  spentAfter: number | null;
  spentDelta: number | null;
};

export type ReportComparison = {
  indicators: IndicatorChange[];
  activities: ActivityChange[];
  /** Totals first ("total"), then one row per category present in either report. */
  spend: SpendChange[];
  /** The currencies differ (or a budget is missing), so spend is not compared. */
  spendComparable: boolean;
  counts: { indicatorsChanged: number; activitiesChanged: number };
};

/** Minor units of a decimal string at the precision of its longest fraction among both reports. */
function minorPair(a: string | undefined, b: string | undefined): [number | null, number | null] {
  const digits = Math.max((a?.split('.')[1] ?? '').length, (b?.split('.')[1] ?? '').length);
  const scale = (s: string | undefined) => {
    if (s === undefined) return null;
    const [w = '0', f = ''] = s.replace('-', '').split('.');
    const n = Number(w + f.padEnd(digits, '0'));
    return s.startsWith('-') ? -n : n;
  };
  return [scale(a), scale(b)];
}

const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((b - a) * 1e9) / 1e9);

/**
 * Compares a report with the one before it: indicator actuals, % and RAG, activity
 * status and completion, and spending in total and by category. Items are matched by
 * id; an item only in the later report is "added", only in the earlier "removed".
 * Pure: the same two snapshots always give the same comparison.
 */
export function compareReports(before: ReportData | null, after: ReportData): ReportComparison {
  const prevIndicators = new Map((before?.indicators ?? []).map((i) => [i.id, i]));
  const indicators: IndicatorChange[] = after.indicators.map((i) => {
    const p = prevIndicators.get(i.id);
    prevIndicators.delete(i.id);
    const changed = !!p && (p.actual !== i.actual || p.percent !== i.percent || p.rag !== i.rag);
    return {
      id: i.id,
      code: i.code,
      title: i.title,
      change: !p ? 'added' : changed ? 'changed' : 'unchanged',
      actualBefore: p?.actual ?? null,
      actualAfter: i.actual,
      actualDelta: delta(p?.actual ?? null, i.actual),
      percentBefore: p?.percent ?? null,
      percentAfter: i.percent,
      ragBefore: p?.rag ?? null,
      ragAfter: i.rag,
    };
  });
  for (const p of prevIndicators.values()) {
    indicators.push({
      id: p.id,
      code: p.code,
      title: p.title,
      change: 'removed',
      actualBefore: p.actual,
      actualAfter: null,
      actualDelta: null,
      percentBefore: p.percent,
      percentAfter: null,
      ragBefore: p.rag,
      ragAfter: null,
    });
  }

  const prevActivities = new Map((before?.activities ?? []).map((a) => [a.id, a]));
  const activities: ActivityChange[] = after.activities.map((a) => {
    const p = prevActivities.get(a.id);
    prevActivities.delete(a.id);
    const changed = !!p && (p.status !== a.status || p.percentComplete !== a.percentComplete);
    return {
      id: a.id,
      title: a.title,
      change: !p ? 'added' : changed ? 'changed' : 'unchanged',
      statusBefore: p?.status ?? null,
      statusAfter: a.status,
      percentCompleteBefore: p?.percentComplete ?? null,
      percentCompleteAfter: a.percentComplete,
    };
  });
  for (const p of prevActivities.values()) {
    activities.push({
      id: p.id,
      title: p.title,
      change: 'removed',
      statusBefore: p.status,
      statusAfter: null,
      percentCompleteBefore: p.percentComplete,
      percentCompleteAfter: null,
    });
  }

  const a = after.budget;
  const b = before?.budget ?? null;
  const spendComparable = !!a && (!b || a.currency === b.currency);
  const spend: SpendChange[] = [];
  if (a && spendComparable) {
    const row = (key: string, fb: { budget: { amount: string }; spent: { amount: string } } | undefined, fa: typeof fb) => {
      const [budgetBefore, budgetAfter] = minorPair(fb?.budget.amount, fa?.budget.amount);
      const [spentBefore, spentAfter] = minorPair(fb?.spent.amount, fa?.spent.amount);
      spend.push({ key, budgetBefore, budgetAfter, spentBefore, spentAfter, spentDelta: delta(spentBefore, spentAfter) });
    };
    row('total', b?.totals, a.totals);
    const categories = [...new Set([...(b?.byCategory ?? []).map((c) => c.category), ...a.byCategory.map((c) => c.category)])];
    for (const c of categories) {
      row(
        c,
        b?.byCategory.find((x) => x.category === c),
        a.byCategory.find((x) => x.category === c),
      );
    }
  }

  return {
    indicators,
    activities,
    spend,
    spendComparable,
    counts: {
      indicatorsChanged: indicators.filter((i) => i.change !== 'unchanged').length,
      activitiesChanged: activities.filter((x) => x.change !== 'unchanged').length,
    },
  };
}
