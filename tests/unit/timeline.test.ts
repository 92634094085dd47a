import { describe, expect, it } from 'vitest';
import {
  findCycle,
  finishSlippageDays,
  isDependencyBroken,
  milestoneStatus,
  rollUpParticipants,
  startSlippageDays,
  sumParticipants,
  widenSpan,
} from '@shared/calc/timeline';

const dates = (plannedStart: string | null, plannedEnd: string | null, actualStart: string | null = null, actualEnd: string | null = null) => ({
  plannedStart,
  plannedEnd,
  actualStart,
  actualEnd,
});
const p = (women: number | null, men: number | null, government: number | null = null) => ({
  women,
  men,
  government,
  diaspora: null,
  civilSociety: null,
  international: null,
});

describe('isDependencyBroken (finish-to-start)', () => {
  it.each([
    ['successor starts after the predecessor ends', dates('2026-01-01', '2026-01-31'), dates('2026-02-01', '2026-02-10'), false],
    ['successor starts on the day the predecessor ends', dates('2026-01-01', '2026-01-31'), dates('2026-01-31', '2026-02-10'), false],
    ['successor starts before the predecessor ends', dates('2026-01-01', '2026-01-31'), dates('2026-01-30', '2026-02-10'), true],
    ['actual end overrides the planned end', dates('2026-01-01', '2026-01-31', '2026-01-01', '2026-02-15'), dates('2026-02-01', null), true],
    ['actual start overrides the planned start', dates('2026-01-01', '2026-01-31'), dates('2026-01-15', null, '2026-02-02'), false],
    ['a missing date breaks nothing', dates('2026-01-01', null), dates('2025-01-01', null), false],
  ])('%s', (_name, predecessor, successor, broken) => {
    expect(isDependencyBroken(predecessor, successor)).toBe(broken);
  });
});

describe('findCycle', () => {
  const edges = [
    { from: 1, to: 2 },
    { from: 2, to: 3 },
    { from: 3, to: 4 },
    { from: 1, to: 5 },
  ];
  it('names the cycle an edge would close, from and back to its start', () => {
    expect(findCycle(edges, 4, 1)).toEqual([4, 1, 2, 3, 4]);
    expect(findCycle(edges, 3, 2)).toEqual([3, 2, 3]);
    expect(findCycle(edges, 7, 7)).toEqual([7, 7]);
  });
  it('is null when the graph stays acyclic', () => {
    expect(findCycle(edges, 5, 4)).toBeNull();
    expect(findCycle(edges, 1, 4)).toBeNull();
    expect(findCycle([], 1, 2)).toBeNull();
  });
});

describe('participants roll-up', () => {
  it('sums field by field, a field staying null only when no sub-event recorded it', () => {
    expect(sumParticipants([p(3, null), p(4, null, 2), p(null, null)])).toEqual(p(7, null, 2));
  });
  it('uses the sub-events when there are any, else the activity own counts', () => {
    expect(rollUpParticipants(p(10, 10), [])).toEqual({ participants: p(10, 10), fromSubEvents: false });
    expect(rollUpParticipants(p(10, 10), [{ participants: p(1, 2) }, { participants: p(3, 0) }])).toEqual({
      participants: p(4, 2),
      fromSubEvents: true,
    });
  });
});

describe('milestoneStatus', () => {
  it.each([
    [{ dueDate: '2026-03-31', doneDate: '2026-03-31' }, 'done'],
    [{ dueDate: '2026-03-31', doneDate: '2026-04-01' }, 'done_late'],
    [{ dueDate: '2026-03-31', doneDate: null }, 'upcoming'],
    [{ dueDate: '2026-03-30', doneDate: null }, 'overdue'],
  ] as const)('%o is %s on 2026-03-31', (m, status) => {
    expect(milestoneStatus(m, '2026-03-31')).toBe(status);
  });
});

describe('slippage', () => {
  const today = '2026-03-10';
  it('counts the finish to the actual end, or to today while overdue', () => {
    expect(finishSlippageDays({ status: 'completed', ...dates('2026-01-01', '2026-01-31', '2026-01-01', '2026-02-05') }, today)).toBe(5);
    expect(finishSlippageDays({ status: 'completed', ...dates('2026-01-01', '2026-01-31', '2026-01-01', '2026-01-29') }, today)).toBe(-2);
    expect(finishSlippageDays({ status: 'in_progress', ...dates('2026-01-01', '2026-03-01', '2026-01-01') }, today)).toBe(9);
    expect(finishSlippageDays({ status: 'in_progress', ...dates('2026-01-01', '2026-04-01', '2026-01-01') }, today)).toBe(0);
    expect(finishSlippageDays({ status: 'cancelled', ...dates('2026-01-01', '2026-01-31') }, today)).toBeNull();
    expect(finishSlippageDays({ status: 'planned', ...dates(null, null) }, today)).toBeNull();
  });
  it('counts the start to the actual start, or to today while a planned activity has not started', () => {
    expect(startSlippageDays({ status: 'in_progress', ...dates('2026-01-01', '2026-01-31', '2026-01-04') }, today)).toBe(3);
    expect(startSlippageDays({ status: 'planned', ...dates('2026-03-01', '2026-03-31') }, today)).toBe(9);
    expect(startSlippageDays({ status: 'planned', ...dates('2026-04-01', '2026-04-30') }, today)).toBe(0);
  });
});

describe('widenSpan', () => {
  it('widens a span to every date given, ignoring empty ones', () => {
    expect(widenSpan({ start: '2026-01-01', end: '2026-12-31' }, ['2025-12-01', null, undefined, '2026-06-01', '2027-01-02'])).toEqual({
      start: '2025-12-01',
      end: '2027-01-02',
    });
  });
});
