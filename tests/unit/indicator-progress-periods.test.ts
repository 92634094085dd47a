import { describe, expect, it } from 'vitest';
import { computePeriodProgress, type IndicatorForProgress, type PeriodForProgress, type Progress } from '@shared/calc/indicator-progress';
import { buildIndicator } from './indicator-progress-support';

function buildPeriod(overrides: Partial<PeriodForProgress> = {}): PeriodForProgress {
  return { start: '2025-01-01', end: '2025-03-31', target: 100, actual: null, ...overrides };
}

describe('computePeriodProgress', () => {
  it.each<{ name: string; indicator: Partial<IndicatorForProgress>; period: Partial<PeriodForProgress>; expected: Progress }>([
    {
      name: 'cumulative, higher-is-better, missing baseline read as 0',
      indicator: { baseline: null },
      period: { target: 200, actual: 50 },
      expected: { percent: 25 },
    },
    {
      name: 'cumulative, higher-is-better, baseline 40 is subtracted',
      indicator: { baseline: 40 },
      period: { target: 140, actual: 90 },
      expected: { percent: 50 },
    },
    {
      name: 'cumulative, lower-is-better, baseline 80 is the starting point',
      indicator: { direction: 'lower_is_better', baseline: 80 },
      period: { target: 20, actual: 50 },
      expected: { percent: 50 },
    },
    {
      name: 'per-period, higher-is-better, baseline ignored (actual / target)',
      indicator: { aggregation: 'per_period', baseline: 40 },
      period: { target: 200, actual: 50 },
      expected: { percent: 25 },
    },
    {
      name: 'per-period, lower-is-better, measured from the baseline',
      indicator: { aggregation: 'per_period', direction: 'lower_is_better', baseline: 20 },
      period: { target: 10, actual: 12 },
      expected: { percent: 80 },
    },
    {
      name: 'over-achievement is shown above 100',
      indicator: {},
      period: { target: 100, actual: 135 },
      expected: { percent: 135 },
    },
    {
      name: 'higher-is-better actual below baseline gives a negative percent',
      indicator: { baseline: 50 },
      period: { target: 100, actual: 40 },
      expected: { percent: -20 },
    },
    {
      name: 'lower-is-better actual above baseline gives a negative percent',
      indicator: { aggregation: 'per_period', direction: 'lower_is_better', baseline: 20 },
      period: { target: 10, actual: 25 },
      expected: { percent: -50 },
    },
    {
      name: 'one third rounds to one decimal',
      indicator: {},
      period: { target: 3, actual: 1 },
      expected: { percent: 33.3 },
    },
    {
      name: 'two thirds rounds up to one decimal',
      indicator: {},
      period: { target: 3, actual: 2 },
      expected: { percent: 66.7 },
    },
    {
      name: 'a half at the second decimal rounds away from zero (12.25 -> 12.3)',
      indicator: {},
      period: { target: 400, actual: 49 },
      expected: { percent: 12.3 },
    },
    {
      name: 'a negative half rounds away from zero too (-12.25 -> -12.3)',
      indicator: { baseline: 49 },
      period: { target: 449, actual: 0 },
      expected: { percent: -12.3 },
    },
    {
      name: 'a tiny shortfall rounds to 0',
      indicator: { baseline: 100 },
      period: { target: 200, actual: 99.99 },
      expected: { percent: 0 },
    },
    {
      name: 'qualitative is not computable',
      indicator: { measure: 'qualitative' },
      period: { target: 1, actual: 1 },
      expected: { percent: null, reason: 'qualitative' },
    },
    {
      name: 'missing period target',
      indicator: {},
      period: { target: null, actual: 10 },
      expected: { percent: null, reason: 'no_target' },
    },
    {
      name: 'missing target wins over missing actual',
      indicator: {},
      period: { target: null, actual: null },
      expected: { percent: null, reason: 'no_target' },
    },
    {
      name: 'missing actual',
      indicator: {},
      period: { target: 100, actual: null },
      expected: { percent: null, reason: 'no_actual' },
    },
    {
      name: 'per-period target 0 is a zero span, not Infinity',
      indicator: { aggregation: 'per_period' },
      period: { target: 0, actual: 5 },
      expected: { percent: null, reason: 'zero_target_span' },
    },
    {
      name: 'cumulative target 0 with missing baseline is a zero span',
      indicator: { baseline: null },
      period: { target: 0, actual: 0 },
      expected: { percent: null, reason: 'zero_target_span' },
    },
    {
      name: 'cumulative target equal to baseline is a zero span',
      indicator: { baseline: 50 },
      period: { target: 50, actual: 60 },
      expected: { percent: null, reason: 'zero_target_span' },
    },
    {
      name: 'zero span wins over missing actual',
      indicator: { baseline: 50 },
      period: { target: 50, actual: null },
      expected: { percent: null, reason: 'zero_target_span' },
    },
    {
      name: 'lower-is-better without baseline has no starting point',
      indicator: { direction: 'lower_is_better', baseline: null },
      period: { target: 10, actual: 5 },
      expected: { percent: null, reason: 'no_baseline' },
    },
    {
      name: 'higher-is-better target below baseline',
      indicator: { baseline: 50 },
      period: { target: 40, actual: 45 },
      expected: { percent: null, reason: 'target_against_direction' },
    },
    {
      name: 'lower-is-better target above baseline',
      indicator: { direction: 'lower_is_better', baseline: 20 },
      period: { target: 25, actual: 22 },
      expected: { percent: null, reason: 'target_against_direction' },
    },
  ])('$name', ({ indicator, period, expected }) => {
    expect(computePeriodProgress(buildIndicator(indicator), buildPeriod(period))).toStrictEqual(expected);
  });

  it('returns +0, never -0, for a shortfall that rounds to zero', () => {
    const result = computePeriodProgress(buildIndicator({ baseline: 100 }), buildPeriod({ target: 200, actual: 99.99 }));
    expect(Object.is(result.percent, 0)).toBe(true);
  });
});
