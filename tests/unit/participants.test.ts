import { describe, expect, it } from 'vitest';
import {
  participantsTotal,
  reportedParticipants,
  rolledUpParticipants,
  summariseParticipants,
  type AttendanceTally,
} from '@shared/calc/participants';
import { EMPTY_PARTICIPANTS, type Participants } from '@shared/schemas/activity';

const p = (women: number | null, men: number | null, government: number | null = null): Participants => ({
  ...EMPTY_PARTICIPANTS,
  women,
  men,
  government,
});
const tally = (people: number, women: number, men: number): AttendanceTally => ({
  people,
  women,
  men,
  government: 1,
  diaspora: 2,
  civilSociety: 0,
  international: 0,
});

describe('reportedParticipants', () => {
  it.each([
    ['no tally: the entered counts', p(10, 12), undefined, { participants: p(10, 12), participantsSource: 'entered', attendeeCount: 0 }],
    [
      'an empty tally: still the entered counts',
      p(10, 12),
      tally(0, 0, 0),
      { participants: p(10, 12), participantsSource: 'entered', attendeeCount: 0 },
    ],
    [
      'a tally: its counts, none null, and its people',
      p(10, 12),
      tally(4, 1, 2),
      {
        participants: { women: 1, men: 2, government: 1, diaspora: 2, civilSociety: 0, international: 0 },
        participantsSource: 'attendance',
        attendeeCount: 4,
      },
    ],
  ] as const)('%s', (_name, entered, t, expected) => {
    expect(reportedParticipants(entered, t)).toEqual(expected);
  });
});

describe('participantsTotal', () => {
  it.each([
    ['from attendance: everyone, whatever their sex', reportedParticipants(p(null, null), tally(5, 1, 2)), 5],
    ['entered women and men', reportedParticipants(p(10, 12), undefined), 22],
    ['entered, men not recorded', reportedParticipants(p(10, null), undefined), null],
  ] as const)('%s', (_name, reported, expected) => {
    expect(participantsTotal(reported)).toBe(expected);
  });
});

describe('rolledUpParticipants', () => {
  it('prefers attendance, then the sum of the sub-events, then the activity’s own counts', () => {
    const events = [{ participants: p(1, 2) }, { participants: p(3, null) }];
    expect(rolledUpParticipants(p(50, 50), events, tally(3, 1, 1))).toMatchObject({
      participantsSource: 'attendance',
      attendeeCount: 3,
      participantsFromSubEvents: false,
    });
    expect(rolledUpParticipants(p(50, 50), events, undefined)).toEqual({
      participants: p(4, 2),
      participantsSource: 'entered',
      attendeeCount: 0,
      participantsFromSubEvents: true,
    });
    expect(rolledUpParticipants(p(50, 50), [], undefined)).toEqual({
      participants: p(50, 50),
      participantsSource: 'entered',
      attendeeCount: 0,
      participantsFromSubEvents: false,
    });
  });
});

describe('summariseParticipants', () => {
  it('sums the totals it can, and counts how many came from attendance', () => {
    const list = [
      reportedParticipants(p(10, 12), undefined),
      reportedParticipants(p(null, null), tally(7, 3, 3)),
      reportedParticipants(p(5, null), undefined),
    ];
    expect(summariseParticipants(list)).toEqual({ total: 29, counted: 2, fromAttendance: 1 });
    expect(summariseParticipants([])).toEqual({ total: 0, counted: 0, fromAttendance: 0 });
  });
});
