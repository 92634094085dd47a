import { and, asc, eq, type SQL } from 'drizzle-orm';
import { reportedParticipants, type AttendanceTally } from '@shared/calc/participants';
import { milestoneStatus } from '@shared/calc/timeline';
import type { Participants } from '@shared/schemas/activity';
import type { Milestone, SubEvent } from '@shared/schemas/timeline';
import { attendanceByActivity, attendanceBySubEvent } from '../../core/attendance-tally';
import { enteredParticipants, participantColumns } from '../../core/participant-columns';
import type { Db } from '../../db/client';
import { activities, attendance, milestones, subEvents } from '../../db/schema';

type MilestoneRow = typeof milestones.$inferSelect;
type MilestoneInsert = typeof milestones.$inferInsert;
type SubEventRow = typeof subEvents.$inferSelect;
type SubEventInsert = typeof subEvents.$inferInsert;

/** Storage shape → API shape; the status depends on the day it is read. */
export function toMilestone(row: MilestoneRow, today: string): Milestone {
  return {
    id: row.id,
    projectId: row.projectId,
    activityId: row.activityId,
    kind: row.kind,
    title: row.title,
    dueDate: row.dueDate,
    doneDate: row.doneDate,
    evidenceNote: row.evidenceNote,
    status: milestoneStatus(row, today),
    illustrative: row.illustrative,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Storage shape → API shape; participants come from the event's attendance tally when there is one. */
export function toSubEvent(row: SubEventRow, tally: AttendanceTally | undefined): SubEvent {
  return {
    id: row.id,
    projectId: row.projectId,
    activityId: row.activityId,
    title: row.title,
    date: row.date,
    endDate: row.endDate,
    place: row.place,
    ...reportedParticipants(enteredParticipants(row), tally),
    notes: row.notes,
    illustrative: row.illustrative,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** API fields → storage columns, for the fields present. */
export function toSubEventColumns(
  e: Partial<Omit<SubEvent, 'participants' | 'participantsSource' | 'attendeeCount'>> & { participants?: Participants },
): Partial<SubEventInsert> {
  const { participants, id: _id, createdAt: _c, updatedAt: _u, version: _v, ...rest } = e;
  return participants ? { ...rest, ...participantColumns(participants) } : rest;
}

export function createMilestonesRepository(db: Db) {
  return {
    /** An activity with its entered counts. */
    activity(id: number) {
      const row = db.select().from(activities).where(eq(activities.id, id)).get();
      if (!row) return undefined;
      return { id: row.id, projectId: row.projectId, participants: enteredParticipants(row) };
    },

    /** Unique people at the activity (its events included), if it has attendance. */
    activityTally: (activityId: number) => attendanceByActivity(db, { activityId }).get(activityId),

    /** Whether the sub-event has an attendance record. */
    subEventHasAttendance: (id: number) =>
      !!db.select({ id: attendance.id }).from(attendance).where(eq(attendance.subEventId, id)).limit(1).get(),

    listMilestones(projectId: number, activityId?: number): MilestoneRow[] {
      const where: SQL[] = [eq(milestones.projectId, projectId)];
      if (activityId !== undefined) where.push(eq(milestones.activityId, activityId));
      return db
        .select()
        .from(milestones)
        .where(and(...where))
        .orderBy(asc(milestones.dueDate), asc(milestones.id))
        .all();
    },
    findMilestone: (id: number) => db.select().from(milestones).where(eq(milestones.id, id)).get(),
    insertMilestone: (values: MilestoneInsert) =>
      db.insert(milestones).values(values).returning({ id: milestones.id }).get().id,
    updateMilestoneVersioned(id: number, version: number, values: Partial<MilestoneInsert>): boolean {
      return (
        db
          .update(milestones)
          .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
          .where(and(eq(milestones.id, id), eq(milestones.version, version)))
          .run().changes === 1
      );
    },
    deleteMilestone: (id: number) => db.delete(milestones).where(eq(milestones.id, id)).run(),

    /** The events of an activity, with participants from one grouped attendance query for all of them. */
    listSubEvents(activityId: number): { items: SubEvent[]; entered: Participants[] } {
      const rows = db
        .select()
        .from(subEvents)
        .where(eq(subEvents.activityId, activityId))
        .orderBy(asc(subEvents.date), asc(subEvents.id))
        .all();
      const tallies = rows.length ? attendanceBySubEvent(db, { activityId }) : new Map<number, AttendanceTally>();
      return { items: rows.map((r) => toSubEvent(r, tallies.get(r.id))), entered: rows.map(enteredParticipants) };
    },
    findSubEvent(id: number): SubEvent | undefined {
      const row = db.select().from(subEvents).where(eq(subEvents.id, id)).get();
      return row ? toSubEvent(row, attendanceBySubEvent(db, { subEventId: id }).get(id)) : undefined;
    },
    insertSubEvent: (values: SubEventInsert) => db.insert(subEvents).values(values).returning({ id: subEvents.id }).get().id,
    updateSubEventVersioned(id: number, version: number, values: Partial<SubEventInsert>): boolean {
      return (
        db
          .update(subEvents)
          .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
          .where(and(eq(subEvents.id, id), eq(subEvents.version, version)))
          .run().changes === 1
      );
    },
    deleteSubEvent: (id: number) => db.delete(subEvents).where(eq(subEvents.id, id)).run(),
  };
}
export type MilestonesRepository = ReturnType<typeof createMilestonesRepository>;
