import type { AttendanceTally } from '@shared/calc/participants';
import { fieldIssue, issue } from '@shared/issues';
import type { Db } from '../db/client';
import { refused } from '../http/app-error';

// Participant counts from attendance, for every feature that reports an activity's
// participants (activities, timeline, sub-events, reports through the timeline). One
// grouped query per list: each person once per activity (or per sub-event), joined to
// the registry for sex and group. Erased people keep both, so counts survive erasure.

const COUNTS = `count(*) AS people,
  coalesce(sum(p.sex = 'female'), 0) AS women,
  coalesce(sum(p.sex = 'male'), 0) AS men,
  coalesce(sum(p.participant_group = 'government'), 0) AS government,
  coalesce(sum(p.participant_group = 'diaspora'), 0) AS diaspora,
  coalesce(sum(p.participant_group = 'civil_society'), 0) AS civilSociety,
  coalesce(sum(p.participant_group = 'international'), 0) AS international`;

type TallyRow = AttendanceTally & { id: number };

/** Every activity or sub-event the filter selects, by id (present only when it has attendance). */
function tallies(db: Db, key: 'activity_id' | 'sub_event_id', where: string, param: number): Map<number, AttendanceTally> {
  const rows = db.$client
    .prepare<[number], TallyRow>(
      `SELECT t.id AS id, ${COUNTS}
       FROM (SELECT DISTINCT ${key} AS id, person_id FROM attendance WHERE ${where}) t
       JOIN registry_people p ON p.id = t.person_id
       GROUP BY t.id`,
    )
    .all(param);
  return new Map(rows.map(({ id, ...tally }) => [id, tally]));
}

export type TallyScope = { projectId: number } | { activityId: number };

/** Unique people per activity (its sub-events included), for one project or one activity. */
export function attendanceByActivity(db: Db, scope: TallyScope): Map<number, AttendanceTally> {
  return 'projectId' in scope
    ? tallies(db, 'activity_id', 'project_id = ?', scope.projectId)
    : tallies(db, 'activity_id', 'activity_id = ?', scope.activityId);
}

/** Unique people per sub-event, for one project, one activity's events, or one event. */
export function attendanceBySubEvent(db: Db, scope: TallyScope | { subEventId: number }): Map<number, AttendanceTally> {
  if ('subEventId' in scope) return tallies(db, 'sub_event_id', 'sub_event_id = ?', scope.subEventId);
  return 'projectId' in scope
    ? tallies(db, 'sub_event_id', 'project_id = ? AND sub_event_id IS NOT NULL', scope.projectId)
    : tallies(db, 'sub_event_id', 'activity_id = ? AND sub_event_id IS NOT NULL', scope.activityId);
}

/**
 * Refusal of entered counts for a record whose counts come from attendance (409): they
 * would not be shown, and they change with the attendance list, not by hand.
 */
export const participantsFromAttendance = () =>
  refused('CONFLICT', issue('activity.counts_from_attendance'), {
    issues: [fieldIssue('participants', 'activity.counts_from_attendance')],
  });
