import { timeElapsed } from './dates';

/** How an indicator is measured. Qualitative indicators have no numeric progress. */
export type IndicatorMeasure = 'number' | 'percentage' | 'qualitative';

export type IndicatorDirection = 'higher_is_better' | 'lower_is_better';

/**
 * `cumulative`: each period's actual is the level reached so far (a running total or a
 * state), on the same scale as the baseline and the life-of-project target.
 * `per_period`: each period's actual stands alone (what happened during that period).
 */
export type IndicatorAggregation = 'cumulative' | 'per_period';

/**
 * One reporting period (ISO dates, both ends included). Only approved actuals are
 * passed in: `actual: null` means nothing approved yet and is never read as zero.
 */
export type PeriodForProgress = {
  start: string;
  end: string;
  target: number | null;
  actual: number | null;
};

/** What the progress calculations need to know about an indicator. */
export type IndicatorForProgress = {
  measure: IndicatorMeasure;
  direction: IndicatorDirection;
  aggregation: IndicatorAggregation;
  baseline: number | null;
  /** Life-of-project target. */
  target: number | null;
  periods: readonly PeriodForProgress[];
};

type IndicatorRules = Pick<IndicatorForProgress, 'measure' | 'direction' | 'aggregation' | 'baseline'>;

/**
 * Why a progress figure could not be computed, checked in this order:
 * - `qualitative`: the indicator has no numeric scale.
 * - `no_target`: the target to compare with is missing.
 * - `no_baseline`: a lower-is-better indicator without baseline (a reduction has no
 *   starting point; reading a missing baseline as 0 would reward increases).
 * - `zero_target_span`: target equals the reference point, so any percentage would be
 *   a division by zero.
 * - `target_against_direction`: the target lies on the worse side of the reference
 *   point (e.g. below baseline for higher-is-better), so "% achieved" has no meaning.
 * - `no_actual`: no approved actual to measure.
 * Problems with the indicator's definition come before missing data, so the reason
 * shown points at what has to be fixed first.
 */
export type ProgressReason = 'qualitative' | 'no_target' | 'no_baseline' | 'zero_target_span' | 'target_against_direction' | 'no_actual';

/**
 * Percent of the target achieved, one decimal, never NaN, Infinity or -0. Not clamped:
 * over-achievement shows above 100 and an actual worse than the reference point shows
 * as a negative percent, because hiding either would misreport the project.
 */
export type Progress = { percent: number; reason?: never } | { percent: null; reason: ProgressReason };

export const RAGS = ['on_track', 'at_risk', 'off_track', 'not_computable'] as const;
export type Rag = (typeof RAGS)[number];

/**
 * Minimum ratios of achievement to expectation: ratio >= onTrack is on track,
 * ratio >= atRisk is at risk, anything lower is off track. onTrack should be >= atRisk.
 */
export type RagThresholds = { onTrack: number; atRisk: number };

/** 90 % of what was due counts as on track, 60 % as at risk, less as off track. */
export const DEFAULT_RAG_THRESHOLDS: RagThresholds = { onTrack: 0.9, atRisk: 0.6 };

export type RagRollUp = { rag: Rag; counts: Record<Rag, number> };

/**
 * Progress of one period against that period's target.
 *
 * Reference point (what counts as 0 %):
 * - cumulative: the baseline (0 when missing for higher-is-better), because period
 *   actuals and targets are levels on the baseline's scale;
 * - per_period, higher-is-better: 0, ignoring the baseline, because what a period
 *   produces starts from nothing each period (actual / target × 100);
 * - per_period, lower-is-better: the baseline, which must be on the per-period scale,
 *   because 0 is the ideal of such a measure, not its starting point.
 * Then percent = (actual − reference) / (target − reference) × 100, which is the same
 * as (reference − actual) / (reference − target) × 100 for lower-is-better.
 */
export function computePeriodProgress(indicator: IndicatorRules, period: PeriodForProgress): Progress {
  if (indicator.measure === 'qualitative') return notComputable('qualitative');
  return measureAgainstTarget(period.actual, period.target, resolveReference(indicator), indicator.direction);
}

/**
 * Progress over the life of the project against the life-of-project target, with the
 * reference point chosen as in {@link computePeriodProgress}. The achieved value is:
 * - cumulative: the actual of the latest period (by end date) that has one; periods
 *   without an approved actual are skipped, never read as zero;
 * - per_period number, higher-is-better: the sum of the reported period actuals;
 * - per_period percentage, or lower-is-better: the unweighted mean of the reported
 *   period actuals, because rates cannot be summed (there are no denominators to weight
 *   by) and a sum of something to reduce only grows with time.
 */
export function computeOverallProgress(indicator: IndicatorForProgress): Progress {
  if (indicator.measure === 'qualitative') return notComputable('qualitative');
  return measureAgainstTarget(aggregateActuals(indicator), indicator.target, resolveReference(indicator), indicator.direction);
}

/**
 * Percent of the life-of-project target that should have been achieved by `today`,
 * on the same scale as {@link computeOverallProgress} so the two can be compared.
 *
 * When every period has a target: the overall progress the indicator would show had it
 * met exactly the targets of the periods already over (end < today); 0 before the first
 * one ends. Only finished periods count because actuals are reported per finished period.
 * Otherwise (or when that is not computable): the share of time elapsed between the
 * first period's start and the last period's end. Clamped to 0..100; null without periods.
 */
export function computeExpectedPercent(indicator: IndicatorForProgress, today: string): number | null {
  const { periods } = indicator;
  if (periods.length === 0) return null;

  if (periods.every((p) => isPresent(p.target))) {
    if (!periods.some((p) => p.end < today)) return 0;
    const metTargets = periods.map((p) => ({ ...p, actual: p.end < today ? p.target : null }));
    const expected = computeOverallProgress({ ...indicator, periods: metTargets });
    if (expected.percent !== null) return Math.min(100, Math.max(0, expected.percent));
  }

  const start = periods.reduce((min, p) => (p.start < min ? p.start : min), periods[0]!.start);
  const end = periods.reduce((max, p) => (p.end > max ? p.end : max), periods[0]!.end);
  return timeElapsed(start, end, today)?.percent ?? null;
}

/**
 * Compares achievement with what was due by now (both in percent of the same target)
 * using {@link RagThresholds}. not_computable when either figure is missing; on_track
 * when nothing was due yet (expected <= 0), since no shortfall is possible.
 */
export function classifyRag(percent: number | null, expectedPercent: number | null, thresholds: RagThresholds = DEFAULT_RAG_THRESHOLDS): Rag {
  if (!isPresent(percent) || !isPresent(expectedPercent)) return 'not_computable';
  if (expectedPercent <= 0) return 'on_track';
  // A division keeps exact boundaries exact (45 / 50 === 0.9); 0.9 * 50 may not be 45.
  const ratio = percent / expectedPercent;
  if (ratio >= thresholds.onTrack) return 'on_track';
  if (ratio >= thresholds.atRisk) return 'at_risk';
  return 'off_track';
}

/**
 * An outcome's status from its indicators': the worst computable one, so a single
 * failing indicator is never averaged away; not_computable when none is computable.
 */
export function rollUpRag(rags: readonly Rag[]): RagRollUp {
  const counts = Object.fromEntries(RAGS.map((r) => [r, 0])) as Record<Rag, number>;
  for (const r of rags) counts[r] += 1;
  const rag = (['off_track', 'at_risk', 'on_track'] as const).find((r) => counts[r] > 0) ?? 'not_computable';
  return { rag, counts };
}

/** numerator / denominator × 100 rounded to two decimals; null when the denominator is 0. */
export function computePercentage(numerator: number, denominator: number): number | null {
  if (!isPresent(numerator) || !isPresent(denominator) || denominator === 0) return null;
  const percent = (numerator / denominator) * 100;
  return Number.isFinite(percent) ? roundHalfAwayFromZero(percent, 2) : null;
}

// Non-finite numbers are treated as missing so NaN or Infinity can never reach a percent.
function isPresent(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function notComputable(reason: ProgressReason): Progress {
  return { percent: null, reason };
}

function resolveReference(indicator: IndicatorRules): number | null {
  if (indicator.aggregation === 'per_period' && indicator.direction === 'higher_is_better') return 0;
  if (isPresent(indicator.baseline)) return indicator.baseline;
  return indicator.direction === 'higher_is_better' ? 0 : null;
}

function measureAgainstTarget(actual: number | null, target: number | null, reference: number | null, direction: IndicatorDirection): Progress {
  if (!isPresent(target)) return notComputable('no_target');
  if (reference === null) return notComputable('no_baseline');
  const span = target - reference;
  if (span === 0) return notComputable('zero_target_span');
  if (span > 0 !== (direction === 'higher_is_better')) return notComputable('target_against_direction');
  if (!isPresent(actual)) return notComputable('no_actual');
  const percent = ((actual - reference) / span) * 100;
  // Only a span too small to represent gets here; it is a zero span in all but name.
  if (!Number.isFinite(percent)) return notComputable('zero_target_span');
  return { percent: roundHalfAwayFromZero(percent, 1) };
}

function aggregateActuals(indicator: IndicatorForProgress): number | null {
  const reported = indicator.periods.filter((p): p is PeriodForProgress & { actual: number } => isPresent(p.actual));
  if (reported.length === 0) return null;
  if (indicator.aggregation === 'cumulative') {
    const latest = reported.reduce((a, b) => (compareByEnd(b, a) > 0 ? b : a));
    return latest.actual;
  }
  const sum = reported.reduce((s, p) => s + p.actual, 0);
  const isRate = indicator.measure === 'percentage' || indicator.direction === 'lower_is_better';
  return isRate ? sum / reported.length : sum;
}

// Ties on the end date go to the later start, so the choice never depends on input order.
function compareByEnd(a: PeriodForProgress, b: PeriodForProgress): number {
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return 0;
}

/**
 * Rounds half away from zero so +x and -x round symmetrically. The tiny upward nudge
 * stops decimals stored just below a half (1.005 is 1.00499…) from rounding down;
 * returning +0 for a zero magnitude keeps -0 out of the UI.
 */
function roundHalfAwayFromZero(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const magnitude = Math.round(Math.abs(value) * factor * (1 + 4 * Number.EPSILON)) / factor;
  return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
}
