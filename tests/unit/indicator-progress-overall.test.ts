import { describe, expect, it } from 'vitest';
import {
  classifyRag,
  computeExpectedPercent,
  computeOverallProgress,
  computePercentage,
  DEFAULT_RAG_THRESHOLDS,
  rollUpRag,
  type IndicatorForProgress,
  type PeriodForProgress,
  type Progress,
  type Rag,
} from '@shared/calc/indicator-progress';
import { buildIndicator } from './indicator-progress-support';

// Four quarters of 2025 with the given targets and actuals.
function buildQuarters(targets: (number | null)[], actuals: (number | null)[] = []): PeriodForProgress[] {
  const bounds = [
    ['2025-01-01', '2025-03-31'],
    ['2025-04-01', '2025-06-30'],
    ['2025-07-01', '2025-09-30'],
    ['2025-10-01', '2025-12-31'],
  ] as const;
  return targets.map((target, i) => ({
    start: bounds[i]![0],
    end: bounds[i]![1],
    target,
    actual: actuals[i] ?? null,
  }));
}

describe('computeOverallProgress', () => {
  it.each<{ name: string; indicator: Partial<IndicatorForProgress>; expected: Progress }>([
    {
      name: 'cumulative uses the latest reported actual and skips a missing later period',
      indicator: { target: 200, periods: buildQuarters([50, 100, 150, 200], [30, 60, null, null]) },
      expected: { percent: 30 },
    },
    {
      name: 'cumulative picks the latest by end date, not by array order',
      indicator: { target: 200, periods: buildQuarters([50, 100, 150], [30, 60, 90]).reverse() },
      expected: { percent: 45 },
    },
    {
      name: 'cumulative skips a missing middle period (not counted as zero)',
      indicator: { target: 200, periods: buildQuarters([50, 100, 150], [30, null, 90]) },
      expected: { percent: 45 },
    },
    {
      name: 'cumulative lower-is-better with baseline 80',
      indicator: {
        direction: 'lower_is_better',
        baseline: 80,
        target: 20,
        periods: buildQuarters([70, 50, 30], [70, 50, null]),
      },
      expected: { percent: 50 },
    },
    {
      name: 'cumulative higher-is-better with baseline 40',
      indicator: { baseline: 40, target: 240, periods: buildQuarters([90, 140], [90, 120]) },
      expected: { percent: 40 },
    },
    {
      name: 'per-period number sums the reported actuals',
      indicator: { aggregation: 'per_period', target: 400, periods: buildQuarters([100, 100, 100], [40, null, 60]) },
      expected: { percent: 25 },
    },
    {
      name: 'per-period over-achievement',
      indicator: { aggregation: 'per_period', target: 200, periods: buildQuarters([100, 100], [120, 130]) },
      expected: { percent: 125 },
    },
    {
      name: 'per-period percentage averages the reported actuals (65 / 80)',
      indicator: {
        measure: 'percentage',
        aggregation: 'per_period',
        target: 80,
        periods: buildQuarters([60, 70, 80], [60, null, 70]),
      },
      expected: { percent: 81.3 },
    },
    {
      name: 'per-period lower-is-better averages the reported actuals against the baseline',
      indicator: {
        aggregation: 'per_period',
        direction: 'lower_is_better',
        baseline: 20,
        target: 10,
        periods: buildQuarters([16, 14, 12], [16, 12, null]),
      },
      expected: { percent: 60 },
    },
    {
      name: 'no approved actual at all',
      indicator: { target: 200, periods: buildQuarters([50, 100], [null, null]) },
      expected: { percent: null, reason: 'no_actual' },
    },
    {
      name: 'no periods',
      indicator: { target: 200, periods: [] },
      expected: { percent: null, reason: 'no_actual' },
    },
    {
      name: 'missing life-of-project target',
      indicator: { target: null, periods: buildQuarters([50], [50]) },
      expected: { percent: null, reason: 'no_target' },
    },
    {
      name: 'per-period life-of-project target 0 is a zero span',
      indicator: { aggregation: 'per_period', target: 0, periods: buildQuarters([0], [3]) },
      expected: { percent: null, reason: 'zero_target_span' },
    },
    {
      name: 'qualitative',
      indicator: { measure: 'qualitative', target: 1, periods: buildQuarters([1], [1]) },
      expected: { percent: null, reason: 'qualitative' },
    },
  ])('$name', ({ indicator, expected }) => {
    expect(computeOverallProgress(buildIndicator(indicator))).toStrictEqual(expected);
  });
});

describe('computeExpectedPercent', () => {
  it.each<{ name: string; indicator: Partial<IndicatorForProgress>; today: string; expected: number | null }>([
    {
      name: 'per-period targets: two of four quarters over',
      indicator: { aggregation: 'per_period', target: 400, periods: buildQuarters([100, 100, 100, 100]) },
      today: '2025-07-01',
      expected: 50,
    },
    {
      name: 'per-period targets: a period is not due on its last day',
      indicator: { aggregation: 'per_period', target: 400, periods: buildQuarters([100, 100, 100, 100]) },
      today: '2025-06-30',
      expected: 25,
    },
    {
      name: 'per-period targets: before the first period ends nothing is due',
      indicator: { aggregation: 'per_period', target: 400, periods: buildQuarters([100, 100, 100, 100]) },
      today: '2025-02-15',
      expected: 0,
    },
    {
      name: 'per-period targets: after the last period everything is due',
      indicator: { aggregation: 'per_period', target: 400, periods: buildQuarters([100, 100, 100, 100]) },
      today: '2026-03-01',
      expected: 100,
    },
    {
      name: 'per-period targets above the life-of-project target are clamped to 100',
      indicator: { aggregation: 'per_period', target: 400, periods: buildQuarters([200, 200, 200, 200]) },
      today: '2025-10-01',
      expected: 100,
    },
    {
      name: 'cumulative targets are levels measured from the baseline',
      indicator: { baseline: 20, target: 120, periods: buildQuarters([40, 60, 80, 120]) },
      today: '2025-07-01',
      expected: 40,
    },
    {
      name: 'per-period percentage targets are averaged like the actuals',
      indicator: {
        measure: 'percentage',
        aggregation: 'per_period',
        target: 80,
        periods: buildQuarters([50, 60, 70, 80]),
      },
      today: '2025-07-01',
      expected: 68.8,
    },
    {
      name: 'a missing period target falls back to linear time (183 of 365 days)',
      indicator: { aggregation: 'per_period', target: 400, periods: buildQuarters([100, null, 100, 100]) },
      today: '2025-07-02',
      expected: 50.1,
    },
    {
      name: 'a missing life-of-project target falls back to linear time',
      indicator: { aggregation: 'per_period', target: null, periods: buildQuarters([100, 100, 100, 100]) },
      today: '2025-07-02',
      expected: 50.1,
    },
    {
      name: 'no periods',
      indicator: { periods: [] },
      today: '2025-07-01',
      expected: null,
    },
  ])('$name', ({ indicator, today, expected }) => {
    expect(computeExpectedPercent(buildIndicator(indicator), today)).toBe(expected);
  });
});

describe('classifyRag', () => {
  it.each<{ name: string; percent: number | null; expectedPercent: number | null; expected: Rag }>([
    { name: 'ratio exactly at onTrack (45 / 50 = 0.9) is on track', percent: 45, expectedPercent: 50, expected: 'on_track' },
    { name: 'ratio just below onTrack is at risk', percent: 44.9, expectedPercent: 50, expected: 'at_risk' },
    { name: 'ratio exactly at atRisk (30 / 50 = 0.6) is at risk', percent: 30, expectedPercent: 50, expected: 'at_risk' },
    { name: 'ratio just below atRisk is off track', percent: 29.9, expectedPercent: 50, expected: 'off_track' },
    { name: 'over-achievement is on track', percent: 120, expectedPercent: 50, expected: 'on_track' },
    { name: 'negative progress is off track', percent: -10, expectedPercent: 50, expected: 'off_track' },
    { name: 'nothing due yet is on track', percent: 0, expectedPercent: 0, expected: 'on_track' },
    { name: 'nothing due yet but no progress figure', percent: null, expectedPercent: 0, expected: 'not_computable' },
    { name: 'no progress figure', percent: null, expectedPercent: 50, expected: 'not_computable' },
    { name: 'no expectation', percent: 40, expectedPercent: null, expected: 'not_computable' },
  ])('$name', ({ percent, expectedPercent, expected }) => {
    expect(classifyRag(percent, expectedPercent)).toBe(expected);
  });

  it.each<{ name: string; percent: number; expected: Rag }>([
    { name: 'exactly at the custom onTrack (1.0)', percent: 50, expected: 'on_track' },
    { name: 'just below the custom onTrack', percent: 49.9, expected: 'at_risk' },
    { name: 'exactly at the custom atRisk (0.5)', percent: 25, expected: 'at_risk' },
    { name: 'just below the custom atRisk', percent: 24.9, expected: 'off_track' },
  ])('with thresholds { onTrack: 1, atRisk: 0.5 }: $name', ({ percent, expected }) => {
    expect(classifyRag(percent, 50, { onTrack: 1, atRisk: 0.5 })).toBe(expected);
  });

  it('uses 0.9 and 0.6 as default thresholds', () => {
    expect(DEFAULT_RAG_THRESHOLDS).toStrictEqual({ onTrack: 0.9, atRisk: 0.6 });
  });
});

describe('rollUpRag', () => {
  it.each<{ name: string; rags: Rag[]; rag: Rag; counts: [number, number, number, number] }>([
    { name: 'off track beats at risk and on track', rags: ['on_track', 'at_risk', 'off_track', 'on_track'], rag: 'off_track', counts: [2, 1, 1, 0] },
    { name: 'at risk beats on track', rags: ['on_track', 'at_risk'], rag: 'at_risk', counts: [1, 1, 0, 0] },
    { name: 'not computable ones are ignored', rags: ['not_computable', 'on_track'], rag: 'on_track', counts: [1, 0, 0, 1] },
    { name: 'none computable', rags: ['not_computable', 'not_computable'], rag: 'not_computable', counts: [0, 0, 0, 2] },
    { name: 'no indicators', rags: [], rag: 'not_computable', counts: [0, 0, 0, 0] },
  ])('$name', ({ rags, rag, counts }) => {
    const [onTrack, atRisk, offTrack, notComputable] = counts;
    expect(rollUpRag(rags)).toStrictEqual({
      rag,
      counts: { on_track: onTrack, at_risk: atRisk, off_track: offTrack, not_computable: notComputable },
    });
  });
});

describe('computePercentage', () => {
  it.each<{ name: string; numerator: number; denominator: number; expected: number | null }>([
    { name: 'one third', numerator: 1, denominator: 3, expected: 33.33 },
    { name: 'two thirds rounds up', numerator: 2, denominator: 3, expected: 66.67 },
    { name: 'an exact eighth', numerator: 1, denominator: 8, expected: 12.5 },
    { name: 'a half stored just below .5 still rounds up (1.005 -> 1.01)', numerator: 1.005, denominator: 100, expected: 1.01 },
    { name: 'zero numerator', numerator: 0, denominator: 5, expected: 0 },
    { name: 'negative numerator', numerator: -1, denominator: 3, expected: -33.33 },
    { name: 'above 100', numerator: 3, denominator: 2, expected: 150 },
    { name: 'zero denominator', numerator: 5, denominator: 0, expected: null },
    { name: 'zero over zero', numerator: 0, denominator: 0, expected: null },
    { name: 'non-finite numerator', numerator: Number.NaN, denominator: 3, expected: null },
  ])('$name', ({ numerator, denominator, expected }) => {
    expect(computePercentage(numerator, denominator)).toBe(expected);
  });

  it('returns +0, never -0, for a tiny negative ratio', () => {
    expect(Object.is(computePercentage(-0.00001, 3), 0)).toBe(true);
  });
});
