import { and, asc, count, desc, eq, max, type SQL } from 'drizzle-orm';
import { reportedParticipants, type AttendanceTally } from '@shared/calc/participants';
import type { Activity, HistoryEntry, ListActivitiesQuery, Participants } from '@shared/schemas/activity';
import { attendanceByActivity } from '../../core/attendance-tally';
import { diffRecords } from '../../core/audit';
import { enteredParticipants, participantColumns } from '../../core/participant-columns';
import { first, type Db } from '../../db/client';
import { activities, attendance, auditLog, outcomes, outputs, users } from '../../db/schema';
import { createActivitiesTable } from '../../repositories/activities.repository';

type ActivityRow = typeof activities.$inferSelect;
type ActivityInsert = typeof activities.$inferInsert;

/** Storage shape → API shape; participants come from the attendance tally when there is one. */
export function toActivity(row: ActivityRow, tally: AttendanceTally | undefined): Activity {
  return {
    id: row.id,
    projectId: row.projectId,
    outcomeId: row.outcomeId,
    outputId: row.outputId,
    kind: row.kind as Activity['kind'],
    title: row.title,
    description: row.description,
    status: row.status as Activity['status'],
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    actualStart: row.actualStart,
    actualEnd: row.actualEnd,
    percentComplete: row.percentComplete,
    location: row.location,
    responsible: row.responsible,
    ...reportedParticipants(enteredParticipants(row), tally),
    notes: row.notes,
    position: row.position,
    illustrative: row.illustrative,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** API shape → storage columns, for the fields present. */
export function toActivityColumns(
  a: Partial<Omit<Activity, 'participants' | 'participantsSource' | 'attendeeCount'>> & { participants?: Participants },
): Partial<ActivityInsert> {
  const { participants, id: _id, createdAt: _c, updatedAt: _u, version: _v, ...rest } = a;
  return participants ? { ...rest, ...participantColumns(participants) } : rest;
}

export function createActivitiesRepository(db: Db) {
  const table = createActivitiesTable(db);
  return {
    /** The project's activities, with participants from one grouped attendance query for the whole list. */
    async list(projectId: number, query: ListActivitiesQuery): Promise<Activity[]> {
      const where: SQL[] = [eq(activities.projectId, projectId)];
      if (query.outcomeId !== undefined) where.push(eq(activities.outcomeId, query.outcomeId));
      if (query.status) where.push(eq(activities.status, query.status));
      if (query.kind) where.push(eq(activities.kind, query.kind));
      const rows = await db
        .select({ a: activities })
        .from(activities)
        .innerJoin(outcomes, eq(outcomes.id, activities.outcomeId))
        .where(and(...where))
        .orderBy(asc(outcomes.position), asc(activities.position), asc(activities.id));
      const tallies = rows.length ? await attendanceByActivity(db, { projectId }) : new Map<number, AttendanceTally>();
      return rows.map((r) => toActivity(r.a, tallies.get(r.a.id)));
    },

    /** Whether the activity (or one of its sub-events) has an attendance record. */
    hasAttendance: async (id: number) =>
      !!(await first(db.select({ id: attendance.id }).from(attendance).where(eq(attendance.activityId, id)).limit(1))),

    outcomeRow: async (id: number) =>
      await first(db.select({ id: outcomes.id, projectId: outcomes.projectId }).from(outcomes).where(eq(outcomes.id, id))),
    outputRow: async (id: number) =>
      await first(db.select({ id: outputs.id, projectId: outputs.projectId, outcomeId: outputs.outcomeId }).from(outputs).where(eq(outputs.id, id))),

    async find(id: number): Promise<Activity | undefined> {
      const row = await first(db.select().from(activities).where(eq(activities.id, id)));
      return row ? toActivity(row, (await attendanceByActivity(db, { activityId: id })).get(id)) : undefined;
    },

    async siblings(outcomeId: number): Promise<{ id: number; position: number }[]> {
      return await db.select({ id: activities.id, position: activities.position }).from(activities).where(eq(activities.outcomeId, outcomeId));
    },

    async nextPosition(outcomeId: number): Promise<number> {
      return (
        ((
          await first(
            db
              .select({ m: max(activities.position) })
              .from(activities)
              .where(eq(activities.outcomeId, outcomeId)),
          )
        )?.m ?? 0) + 1
      );
    },

    insert: async (values: ActivityInsert): Promise<number> => (await table.insert(values)).id,
    updateVersioned: table.updateVersioned,
    setPosition: table.setPosition,
    delete: table.delete,

    /** What changed, from → to, read from the audit log (newest first). */
    async history(activityId: number): Promise<{ items: HistoryEntry[]; total: number }> {
      const rows = await db
        .select({ log: auditLog, userName: users.name })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.userId))
        .where(and(eq(auditLog.entity, 'activity'), eq(auditLog.entityId, activityId)))
        .orderBy(desc(auditLog.id));
      const total =
        (
          await first(
            db
              .select({ n: count() })
              .from(auditLog)
              .where(and(eq(auditLog.entity, 'activity'), eq(auditLog.entityId, activityId))),
          )
        )?.n ?? 0;
      const items = rows.map(({ log, userName }): HistoryEntry => {
        const before = (log.before ?? null) as Record<string, unknown> | null;
        const after = (log.after ?? null) as Record<string, unknown> | null;
        return {
          id: log.id,
          at: log.at,
          user: log.userId !== null && userName !== null ? { id: log.userId, name: userName } : null,
          // Activity rows record changes only; sign-in events live under entity 'auth'.
          action: log.action as HistoryEntry['action'],
          changes: log.action === 'update' ? diffRecords(before, after).filter((c) => c.field !== 'position') : [],
          note: log.note,
        };
      });
      return { items, total };
    },
  };
}
export type ActivitiesRepository = ReturnType<typeof createActivitiesRepository>;
