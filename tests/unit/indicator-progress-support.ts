import { type IndicatorForProgress } from '@shared/calc/indicator-progress';

export function buildIndicator(overrides: Partial<IndicatorForProgress> = {}): IndicatorForProgress {
  return {
    measure: 'number',
    direction: 'higher_is_better',
    aggregation: 'cumulative',
    baseline: null,
    target: 100,
    periods: [],
    ...overrides,
  };
}
