import { describe, expect, it } from 'vitest';
import { generateReportingPeriods, projectReportingSpan, spansOverlap, type DateSpan } from '@shared/calc/reporting-periods';
import type { ReportingFrequency } from '@shared/enums';

describe('generateReportingPeriods', () => {
  it.each<{ name: string; frequency: ReportingFrequency; span: DateSpan; expected: string[] }>([
    {
      name: 'semi-annual over two whole years (CE.0219)',
      frequency: 'semi_annual',
      span: { start: '2013-01-01', end: '2014-12-31' },
      expected: ['2013-01-01/2013-06-30', '2013-07-01/2013-12-31', '2014-01-01/2014-06-30', '2014-07-01/2014-12-31'],
    },
    {
      name: 'quarterly cut to a span starting and ending mid-quarter',
      frequency: 'quarterly',
      span: { start: '2025-02-15', end: '2025-08-10' },
      expected: ['2025-02-15/2025-03-31', '2025-04-01/2025-06-30', '2025-07-01/2025-08-10'],
    },
    {
      name: 'annual across a year boundary',
      frequency: 'annual',
      span: { start: '2024-10-01', end: '2026-03-31' },
      expected: ['2024-10-01/2024-12-31', '2025-01-01/2025-12-31', '2026-01-01/2026-03-31'],
    },
    {
      name: 'quarters end on the right day, leap February included',
      frequency: 'quarterly',
      span: { start: '2024-01-01', end: '2024-12-31' },
      expected: ['2024-01-01/2024-03-31', '2024-04-01/2024-06-30', '2024-07-01/2024-09-30', '2024-10-01/2024-12-31'],
    },
    {
      name: 'a one-day span gives one period',
      frequency: 'semi_annual',
      span: { start: '2025-07-01', end: '2025-07-01' },
      expected: ['2025-07-01/2025-07-01'],
    },
    { name: 'custom frequency generates nothing', frequency: 'custom', span: { start: '2025-01-01', end: '2025-12-31' }, expected: [] },
    { name: 'an inverted span generates nothing', frequency: 'annual', span: { start: '2026-01-01', end: '2025-12-31' }, expected: [] },
  ])('$name', ({ frequency, span, expected }) => {
    expect(generateReportingPeriods(frequency, span).map((p) => `${p.start}/${p.end}`)).toStrictEqual(expected);
  });
});

describe('projectReportingSpan', () => {
  it.each([
    {
      name: 'years only: the whole years',
      project: { startYear: 2013, endYear: 2014, plannedStart: null, plannedEnd: null },
      expected: { start: '2013-01-01', end: '2014-12-31' },
    },
    {
      name: 'planned dates win over years',
      project: { startYear: 2025, endYear: 2026, plannedStart: '2025-03-10', plannedEnd: '2026-09-30' },
      expected: { start: '2025-03-10', end: '2026-09-30' },
    },
  ])('$name', ({ project, expected }) => {
    expect(projectReportingSpan(project)).toStrictEqual(expected);
  });
});

describe('spansOverlap', () => {
  it.each([
    { name: 'disjoint', a: ['2025-01-01', '2025-03-31'], b: ['2025-04-01', '2025-06-30'], expected: false },
    { name: 'sharing one day', a: ['2025-01-01', '2025-03-31'], b: ['2025-03-31', '2025-06-30'], expected: true },
    { name: 'one inside the other', a: ['2025-01-01', '2025-12-31'], b: ['2025-04-01', '2025-06-30'], expected: true },
  ])('$name', ({ a, b, expected }) => {
    expect(spansOverlap({ start: a[0]!, end: a[1]! }, { start: b[0]!, end: b[1]! })).toBe(expected);
    expect(spansOverlap({ start: b[0]!, end: b[1]! }, { start: a[0]!, end: a[1]! })).toBe(expected);
  });
});
