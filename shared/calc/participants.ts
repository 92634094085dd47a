import type { Participants, ParticipantsSource } from '../schemas/activity';
import { rollUpParticipants } from './timeline';

/**
 * Unique people in the attendance records of an activity (its sub-events included) or of
 * one sub-event, by sex and by participant group: what the server's grouped query counts.
 */
export type AttendanceTally = {
  people: number;
  women: number;
  men: number;
  government: number;
  diaspora: number;
  civilSociety: number;
  international: number;
};

export type ReportedParticipants = {
  participants: Participants;
  participantsSource: ParticipantsSource;
  attendeeCount: number;
};

/**
 * The participants a record reports: counted from attendance whenever it has at least one
 * attendance record (so they cannot drift from the list of who came), else what was
 * entered. Computed counts are never null: zero women is a count, not "not recorded".
 */
export function reportedParticipants(entered: Participants, tally: AttendanceTally | undefined): ReportedParticipants {
  if (!tally || tally.people === 0) return { participants: entered, participantsSource: 'entered', attendeeCount: 0 };
  const { people, ...counts } = tally;
  return { participants: counts, participantsSource: 'attendance', attendeeCount: people };
}

/**
 * How many took part: the people in attendance (everyone, whatever their sex), else the
 * entered women plus men when both are recorded, else null (not recorded).
 */
export function participantsTotal(r: ReportedParticipants): number | null {
  if (r.participantsSource === 'attendance') return r.attendeeCount;
  const { women, men } = r.participants;
  return women !== null && men !== null ? women + men : null;
}

export type ParticipantsSummary = {
  /** Sum of the activities' totals (a person at two activities counts at each). */
  total: number;
  /** Activities with a total (recorded or from attendance). */
  counted: number;
  /** Of those, the ones counted from attendance. */
  fromAttendance: number;
};

/** Participation over a set of activities, for overview and dashboard totals. */
export function summariseParticipants(list: readonly ReportedParticipants[]): ParticipantsSummary {
  let total = 0;
  let counted = 0;
  let fromAttendance = 0;
  for (const r of list) {
    const n = participantsTotal(r);
    if (n === null) continue;
    total += n;
    counted += 1;
    if (r.participantsSource === 'attendance') fromAttendance += 1;
  }
  return { total, counted, fromAttendance };
}

/**
 * What an activity with sub-events reports (the sub-event list and the Gantt): its
 * attendance when it has any; else the sum of its sub-events' entered counts when it has
 * sub-events (each event counts its own people); else its own entered counts.
 */
export function rolledUpParticipants(
  own: Participants,
  subEvents: readonly { participants: Participants }[],
  tally: AttendanceTally | undefined,
): ReportedParticipants & { participantsFromSubEvents: boolean } {
  const fromAttendance = reportedParticipants(own, tally);
  if (fromAttendance.participantsSource === 'attendance') return { ...fromAttendance, participantsFromSubEvents: false };
  const rolled = rollUpParticipants(own, subEvents);
  return { participants: rolled.participants, participantsSource: 'entered', attendeeCount: 0, participantsFromSubEvents: rolled.fromSubEvents };
}
