import type { Period } from '@shared/schemas/indicator-period';
import type { IndicatorDetail } from '@shared/schemas/indicator-summary';
import type { IndicatorValue } from '@shared/schemas/indicator-value';

let seq = 100;

/** An indicator as GET /indicators/:id answers it, by default a count of people broken down by sex. */
export function buildIndicator(overrides: Partial<IndicatorDetail> = {}): IndicatorDetail {
  seq += 1;
  return {
    id: seq,
    projectId: 2,
    level: 'output',
    outcomeId: 3,
    outputId: 1,
    code: '1.1.a',
    title: 'Diaspora professionals registered on the expert roster',
    definition: 'Professionals abroad with a complete roster profile.',
    unit: 'people',
    measure: 'number',
    direction: 'higher_is_better',
    aggregation: 'cumulative',
    baseline: { value: 0, year: 2025, comment: '' },
    target: { value: 150, comment: '' },
    frequency: 'quarterly',
    disaggregations: ['sex'],
    meansOfVerification: 'Roster extract',
    dataSource: 'Expert roster',
    responsible: 'Farrukh Nazarov',
    position: 1,
    illustrative: false,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    periods: [],
    progress: { percent: 29.3 },
    expectedPercent: 42.7,
    rag: 'at_risk',
    latestActual: null,
    ...overrides,
  };
}

export function buildValue(overrides: Partial<IndicatorValue> = {}): IndicatorValue {
  seq += 1;
  return {
    id: seq,
    periodId: 1,
    status: 'draft',
    value: 70,
    numerator: null,
    denominator: null,
    narrative: null,
    score: null,
    disaggregation: { sex: { women: 30, men: 40, other: 0 } },
    comment: '',
    complete: true,
    reviewNote: '',
    submittedBy: null,
    submittedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    evidence: [],
    illustrative: false,
    version: 1,
    createdAt: '2026-10-05T00:00:00.000Z',
    updatedAt: '2026-10-05T00:00:00.000Z',
    ...overrides,
  };
}

export function buildPeriod(overrides: Partial<Period> = {}): Period {
  seq += 1;
  return {
    id: seq,
    indicatorId: 1,
    start: '2026-10-01',
    end: '2026-12-31',
    target: 86,
    targetDisaggregation: null,
    locked: false,
    progress: { percent: null, reason: 'no_actual' },
    value: null,
    version: 1,
    ...overrides,
  };
}
