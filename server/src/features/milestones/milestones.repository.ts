import { and, asc, eq, type SQL } from 'drizzle-orm';
import { reportedParticipants, type AttendanceTally } from '@shared/calc/participants';
import { milestoneStatus } from '@shared/calc/timeline';
import type { Participants } from '@shared/schemas/activity';
import type { Milestone, SubEvent } from '@shared/schemas/timeline';
import { attendanceByActivity, attendanceBySubEvent } from '../../core/attendance-tally';
import { enteredParticipants, participantColumns } from '../../core/participant-columns';
import { single, first, type Db } from '../../db/client';
import { activities, attendance, milestones, subEvents } from '../../db/schema';
import { updateVersioned } from '../../repositories/versioned';

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
    async activity(id: number) {
      const row = await first(db.select().from(activities).where(eq(activities.id, id)));
      if (!row) return undefined;
      return { id: row.id, projectId: row.projectId, participants: enteredParticipants(row) };
    },

    /** Unique people at the activity (its events included), if it has attendance. */
    activityTally: async (activityId: number) => (await attendanceByActivity(db, { activityId })).get(activityId),

    /** Whether the sub-event has an attendance record. */
    subEventHasAttendance: async (id: number) =>
      !!(await first(db.select({ id: attendance.id }).from(attendance).where(eq(attendance.subEventId, id)).limit(1))),

    async listMilestones(projectId: number, activityId?: number): Promise<MilestoneRow[]> {
      const where: SQL[] = [eq(milestones.projectId, projectId)];
      if (activityId !== undefined) where.push(eq(milestones.activityId, activityId));
      return await db
        .select()
        .from(milestones)
        .where(and(...where))
        .orderBy(asc(milestones.dueDate), asc(milestones.id));
    },
    findMilestone: async (id: number) => await first(db.select().from(milestones).where(eq(milestones.id, id))),
    insertMilestone: async (values: MilestoneInsert) => (await single(db.insert(milestones).values(values).returning({ id: milestones.id }))).id,
    async updateMilestoneVersioned(id: number, version: number, values: Partial<MilestoneInsert>): Promise<boolean> {
      return updateVersioned(db, milestones, milestones.id, id, version, values);
    },
    deleteMilestone: async (id: number) => {
      await db.delete(milestones).where(eq(milestones.id, id));
    },

    /** The events of an activity, with participants from one grouped attendance query for all of them. */
    async listSubEvents(activityId: number): Promise<{ items: SubEvent[]; entered: Participants[] }> {
      const rows = await db.select().from(subEvents).where(eq(subEvents.activityId, activityId)).orderBy(asc(subEvents.date), asc(subEvents.id));
      const tallies = rows.length ? await attendanceBySubEvent(db, { activityId }) : new Map<number, AttendanceTally>();
      return { items: rows.map((r) => toSubEvent(r, tallies.get(r.id))), entered: rows.map(enteredParticipants) };
    },
    async findSubEvent(id: number): Promise<SubEvent | undefined> {
      const row = await first(db.select().from(subEvents).where(eq(subEvents.id, id)));
      return row ? toSubEvent(row, (await attendanceBySubEvent(db, { subEventId: id })).get(id)) : undefined;
    },
    insertSubEvent: async (values: SubEventInsert) => (await single(db.insert(subEvents).values(values).returning({ id: subEvents.id }))).id,
    async updateSubEventVersioned(id: number, version: number, values: Partial<SubEventInsert>): Promise<boolean> {
      return updateVersioned(db, subEvents, subEvents.id, id, version, values);
    },
    deleteSubEvent: async (id: number) => {
      await db.delete(subEvents).where(eq(subEvents.id, id));
    },
  };
}
export type MilestonesRepository = ReturnType<typeof createMilestonesRepository>;
