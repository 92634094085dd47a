import { describe, expect, it } from 'vitest';
import { computeEngagement, type AttendanceFact, type EngagedPerson } from '@shared/calc/registry-engagement';

const people = new Map<number, EngagedPerson>([
  [1, { id: 1, sex: 'female', group: 'diaspora' }],
  [2, { id: 2, sex: 'male', group: 'government' }],
  [3, { id: 3, sex: 'male', group: 'diaspora' }],
  [4, { id: 4, sex: 'not_stated', group: null }],
]);

const row = (personId: number, activityId: number, date: string, extra: Partial<AttendanceFact> = {}): AttendanceFact => ({
  personId,
  activityId,
  subEventId: null,
  outcomeId: activityId === 30 ? 2 : 1,
  date,
  ...extra,
});

// Activity 10: a forum; activity 20: a series with sub-events 201 and 202; activity 30: a seminar (outcome 2).
const rows: AttendanceFact[] = [
  row(1, 10, '2013-11-18'),
  row(2, 10, '2013-11-18'),
  row(3, 10, '2013-11-19'),
  row(1, 20, '2014-02-01', { subEventId: 201 }),
  row(1, 20, '2014-05-01', { subEventId: 202 }),
  row(4, 20, '2014-05-01', { subEventId: 202 }),
  row(2, 30, '2014-06-10'),
  row(99, 30, '2014-06-10'), // a person the map does not know
];

describe('computeEngagement', () => {
  it.each([
    ['everything: each person once', {}, 4, 7],
    ['one activity', { activityId: 10 }, 3, 3],
    ['a series: a person at two of its events counts once', { activityId: 20 }, 2, 3],
    ['one sub-event', { subEventId: 202 }, 2, 2],
    ['an outcome', { outcomeId: 2 }, 1, 1],
    ['a period, bounds inclusive', { from: '2013-11-19', to: '2014-02-01' }, 2, 2],
    ['a period with no attendance', { from: '2015-01-01' }, 0, 0],
  ])('%s', (_name, filter, unique, attendances) => {
    const e = computeEngagement(rows, people, filter);
    expect(e.uniquePeople).toBe(unique);
    expect(e.attendances).toBe(attendances);
  });

  it('disaggregates unique people by sex and group, and in the activity participants shape', () => {
    const e = computeEngagement(rows, people);
    expect(e.bySex).toEqual({ female: 1, male: 2, other: 0, not_stated: 1 });
    expect(e.byGroup).toEqual({ government: 1, diaspora: 2, civil_society: 0, international: 0, unknown: 1 });
    expect(e.participants).toEqual({ women: 1, men: 2, government: 1, diaspora: 2, civilSociety: 0, international: 0 });
  });
});
