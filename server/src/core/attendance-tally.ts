import type { AttendanceTally } from '@shared/calc/participants';
import { fieldIssue, issue } from '@shared/issues';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { refused } from './errors';

// Participant counts from attendance, for every feature that reports an activity's
// participants (activities, timeline, sub-events, reports through the timeline). One
// grouped query per list: each person once per activity (or per sub-event), joined to
// the registry for sex and group. Erased people keep both, so counts survive erasure.

// Counts come back as numbers from SQLite and as numeric text from PostgreSQL (bigint): Number() takes both.
const COUNTS = `count(*) AS "people",
  count(*) FILTER (WHERE p.sex = 'female') AS "women",
  count(*) FILTER (WHERE p.sex = 'male') AS "men",
  count(*) FILTER (WHERE p.participant_group = 'government') AS "government",
  count(*) FILTER (WHERE p.participant_group = 'diaspora') AS "diaspora",
  count(*) FILTER (WHERE p.participant_group = 'civil_society') AS "civilSociety",
  count(*) FILTER (WHERE p.participant_group = 'international') AS "international"`;

type TallyRow = { [K in keyof AttendanceTally | 'id']: number | string };

/** Every activity or sub-event the filter selects, by id (present only when it has attendance). */
async function tallies(db: Db, key: 'activity_id' | 'sub_event_id', where: string, param: number): Promise<Map<number, AttendanceTally>> {
  const rows = await queryRows<TallyRow>(
    db,
    sql`SELECT t.id AS "id", ${sql.raw(COUNTS)}
       FROM (SELECT DISTINCT ${sql.raw(key)} AS id, person_id FROM attendance WHERE ${sql.raw(where)} ${param}) t
       JOIN registry_people p ON p.id = t.person_id
       GROUP BY t.id`,
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        people: Number(r.people),
        women: Number(r.women),
        men: Number(r.men),
        government: Number(r.government),
        diaspora: Number(r.diaspora),
        civilSociety: Number(r.civilSociety),
        international: Number(r.international),
      },
    ]),
  );
}

export type TallyScope = { projectId: number } | { activityId: number };

/** Unique people per activity (its sub-events included), for one project or one activity. */
export function attendanceByActivity(db: Db, scope: TallyScope): Promise<Map<number, AttendanceTally>> {
  return 'projectId' in scope
    ? tallies(db, 'activity_id', 'project_id =', scope.projectId)
    : tallies(db, 'activity_id', 'activity_id =', scope.activityId);
}

/** Unique people per sub-event, for one project, one activity's events, or one event. */
export function attendanceBySubEvent(db: Db, scope: TallyScope | { subEventId: number }): Promise<Map<number, AttendanceTally>> {
  if ('subEventId' in scope) return tallies(db, 'sub_event_id', 'sub_event_id =', scope.subEventId);
  return 'projectId' in scope
    ? tallies(db, 'sub_event_id', 'sub_event_id IS NOT NULL AND project_id =', scope.projectId)
    : tallies(db, 'sub_event_id', 'sub_event_id IS NOT NULL AND activity_id =', scope.activityId);
}

/**
 * Refusal of entered counts for a record whose counts come from attendance (409): they
 * would not be shown, and they change with the attendance list, not by hand.
 */
export const participantsFromAttendance = () =>
  refused('CONFLICT', issue('activity.counts_from_attendance'), {
    issues: [fieldIssue('participants', 'activity.counts_from_attendance')],
  });
