import { describe, expect, it } from 'vitest';
import { countByStatus, plannedDurationDays, projectSpan, scheduleFlag, weightedPercentComplete } from '@shared/calc/activity-progress';
import { daysBetween, timeElapsed } from '@shared/calc/dates';
import type { ActivityStatus } from '@shared/enums';

const TODAY = '2026-06-15';

describe('scheduleFlag', () => {
  it.each([
    ['planned, start passed, not started', 'planned', '2026-06-01', '2026-07-01', null, null, 'late_start'],
    ['planned, start in the future', 'planned', '2026-07-01', '2026-08-01', null, null, null],
    ['in progress, end passed', 'in_progress', '2026-01-01', '2026-06-14', '2026-01-05', null, 'overdue'],
    ['in progress, ends today', 'in_progress', '2026-01-01', '2026-06-15', '2026-01-05', null, null],
    ['completed on time', 'completed', '2026-01-01', '2026-03-01', '2026-01-01', '2026-03-01', null],
    ['completed after the planned end', 'completed', '2026-01-01', '2026-03-01', '2026-01-01', '2026-03-09', 'finished_late'],
    ['cancelled and past its end', 'cancelled', '2026-01-01', '2026-03-01', null, null, null],
    ['on hold and past its end', 'on_hold', '2026-01-01', '2026-03-01', '2026-01-02', null, 'overdue'],
    ['no planned dates', 'planned', null, null, null, null, null],
  ] as const)('%s → %s', (_name, status, plannedStart, plannedEnd, actualStart, actualEnd, expected) => {
    expect(scheduleFlag({ status, plannedStart, plannedEnd, actualStart, actualEnd }, TODAY)).toBe(expected);
  });
});

describe('weightedPercentComplete', () => {
  const a = (status: ActivityStatus, percentComplete: number, plannedStart: string | null, plannedEnd: string | null) => ({
    status,
    percentComplete,
    plannedStart,
    plannedEnd,
  });

  it.each([
    ['no activities', [], null],
    ['only cancelled', [a('cancelled', 0, '2026-01-01', '2026-01-10')], null],
    // 10 days at 100 % and 30 days at 0 %: 25 %, not the plain average of 50 %.
    ['weights by planned duration', [a('completed', 100, '2026-01-01', '2026-01-10'), a('planned', 0, '2026-02-01', '2026-03-02')], 25],
    ['completed counts as 100 whatever its percent', [a('completed', 40, '2026-01-01', '2026-01-10')], 100],
    ['cancelled does not count', [a('completed', 100, '2026-01-01', '2026-01-10'), a('cancelled', 0, '2026-01-01', '2026-12-31')], 100],
    // Undated activity weighs as the average dated one (20 days): (10·100 + 30·50 + 20·20) / 60.
    [
      'undated activity weighs as the average dated one',
      [a('completed', 100, '2026-01-01', '2026-01-10'), a('in_progress', 50, '2026-02-01', '2026-03-02'), a('in_progress', 20, null, null)],
      48.3,
    ],
    ['none dated: plain average', [a('in_progress', 10, null, null), a('in_progress', 30, null, null)], 20],
  ] as const)('%s → %s', (_name, activities, expected) => {
    expect(weightedPercentComplete(activities)).toBe(expected);
  });
});

describe('dates', () => {
  it.each([
    ['2026-01-01', '2026-01-01', 0],
    ['2026-01-01', '2026-12-31', 364],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-03-01', '2026-02-01', -28],
  ])('daysBetween(%s, %s) = %i', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it.each([
    ['before the start', '2025-12-31', { totalDays: 365, elapsedDays: 0, percent: 0 }],
    ['first day', '2026-01-01', { totalDays: 365, elapsedDays: 1, percent: 0.3 }],
    ['half-way', '2026-07-02', { totalDays: 365, elapsedDays: 183, percent: 50.1 }],
    ['after the end', '2027-05-01', { totalDays: 365, elapsedDays: 365, percent: 100 }],
  ])('timeElapsed over 2026 %s', (_name, today, expected) => {
    expect(timeElapsed('2026-01-01', '2026-12-31', today)).toEqual(expected);
  });

  it('timeElapsed is null for an unknown or inverted span', () => {
    expect(timeElapsed(null, '2026-12-31', TODAY)).toBeNull();
    expect(timeElapsed('2026-12-31', '2026-01-01', TODAY)).toBeNull();
  });

  it('a project with years only spans whole years', () => {
    expect(projectSpan({ plannedStart: null, plannedEnd: null, startYear: 2013, endYear: 2014 })).toEqual({
      start: '2013-01-01',
      end: '2014-12-31',
    });
    expect(projectSpan({ plannedStart: '2013-03-01', plannedEnd: null, startYear: 2013, endYear: 2014 }).start).toBe('2013-03-01');
  });

  it('plannedDurationDays counts both ends', () => {
    expect(plannedDurationDays({ plannedStart: '2026-01-01', plannedEnd: '2026-01-01' })).toBe(1);
    expect(plannedDurationDays({ plannedStart: null, plannedEnd: '2026-01-01' })).toBeNull();
  });

  it('countByStatus counts every status, zero included', () => {
    expect(countByStatus([{ status: 'planned' }, { status: 'planned' }, { status: 'completed' }])).toEqual({
      planned: 2,
      in_progress: 0,
      completed: 1,
      on_hold: 0,
      cancelled: 0,
    });
  });
});
