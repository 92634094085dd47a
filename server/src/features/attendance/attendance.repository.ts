import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { matchKey } from '@shared/calc/registry-duplicates';
import type { AttendanceFact, EngagedPerson } from '@shared/calc/registry-engagement';
import type { Attendance } from '@shared/schemas/attendance';
import type { ConsentStatus, ParticipantGroup, Sex } from '@shared/enums';
import { first, single, type Db } from '../../db/client';
import { activities, attendance, outcomes, registryPeople, subEvents } from '../../db/schema';
import { createPersonAccessLog } from '../../repositories/person-access.repository';

const latestConsentKind = sql<
  string | null
>`(SELECT c.kind FROM registry_consents c WHERE c.person_id = ${registryPeople.id} ORDER BY c.id DESC LIMIT 1)`;

export function createAttendanceRepository(db: Db) {
  const accessLog = createPersonAccessLog(db);
  const selectRows = async (where: SQL | undefined): Promise<Attendance[]> =>
    (
      await db
        .select({
          id: attendance.id,
          activityId: attendance.activityId,
          subEventId: attendance.subEventId,
          personId: attendance.personId,
          date: attendance.date,
          name: registryPeople.name,
          sex: registryPeople.sex,
          group: registryPeople.group,
          consent: latestConsentKind,
          erasedAt: registryPeople.erasedAt,
        })
        .from(attendance)
        .innerJoin(registryPeople, eq(registryPeople.id, attendance.personId))
        .where(where)
        .orderBy(asc(attendance.date), asc(registryPeople.nameKey), asc(attendance.id))
    ).map((r): Attendance => ({
      id: r.id,
      activityId: r.activityId,
      subEventId: r.subEventId,
      personId: r.personId,
      date: r.date,
      person: {
        id: r.personId,
        name: r.name,
        sex: r.sex as Sex,
        group: r.group as ParticipantGroup | null,
        consent: (r.consent ?? 'none') as ConsentStatus,
        erased: r.erasedAt !== null,
      },
    }));

  return {
    activity: (id: number) =>
      first(
        db
          .select({
            id: activities.id,
            projectId: activities.projectId,
            outcomeId: activities.outcomeId,
            actualStart: activities.actualStart,
            plannedStart: activities.plannedStart,
          })
          .from(activities)
          .where(eq(activities.id, id)),
      ),

    outcome: (id: number) => first(db.select({ id: outcomes.id, projectId: outcomes.projectId }).from(outcomes).where(eq(outcomes.id, id))),

    subEvent: (id: number) =>
      first(db.select({ id: subEvents.id, activityId: subEvents.activityId, date: subEvents.date }).from(subEvents).where(eq(subEvents.id, id))),

    /** People of the project among these ids, with whether they were erased. */
    async peopleIn(projectId: number, ids: number[]): Promise<{ id: number; erasedAt: string | null }[]> {
      if (!ids.length) return [];
      return db
        .select({ id: registryPeople.id, erasedAt: registryPeople.erasedAt })
        .from(registryPeople)
        .where(and(eq(registryPeople.projectId, projectId), inArray(registryPeople.id, ids)));
    },

    list(activityId: number, subEventId?: number): Promise<Attendance[]> {
      const where = [eq(attendance.activityId, activityId)];
      if (subEventId !== undefined) where.push(eq(attendance.subEventId, subEventId));
      return selectRows(and(...where));
    },

    byIds: async (ids: number[]): Promise<Attendance[]> => (ids.length ? selectRows(inArray(attendance.id, ids)) : []),

    /** Person ids already recorded at this activity (or this sub-event of it). */
    async presentAt(activityId: number, subEventId: number | null): Promise<Set<number>> {
      const where = [eq(attendance.activityId, activityId)];
      where.push(subEventId === null ? isNull(attendance.subEventId) : eq(attendance.subEventId, subEventId));
      return new Set(
        (
          await db
            .select({ personId: attendance.personId })
            .from(attendance)
            .where(and(...where))
        ).map((r) => r.personId),
      );
    },

    insert: async (values: typeof attendance.$inferInsert): Promise<number> =>
      (await single(db.insert(attendance).values(values).returning({ id: attendance.id }))).id,

    find: (id: number) => first(db.select().from(attendance).where(eq(attendance.id, id))),

    delete: async (id: number): Promise<void> => {
      await db.delete(attendance).where(eq(attendance.id, id));
    },

    /** Every attendance row of a project, with its activity's outcome, for engagement counts. */
    facts(projectId: number): Promise<AttendanceFact[]> {
      return db
        .select({
          personId: attendance.personId,
          activityId: attendance.activityId,
          subEventId: attendance.subEventId,
          outcomeId: activities.outcomeId,
          date: attendance.date,
        })
        .from(attendance)
        .innerJoin(activities, eq(activities.id, attendance.activityId))
        .where(eq(attendance.projectId, projectId));
    },

    /** Sex and group of the people of a project (erased people keep both, so counts stay). */
    async engagedPeople(projectId: number): Promise<Map<number, EngagedPerson>> {
      const rows = await db
        .select({ id: registryPeople.id, sex: registryPeople.sex, group: registryPeople.group })
        .from(registryPeople)
        .where(eq(registryPeople.projectId, projectId));
      return new Map(rows.map((r) => [r.id, { id: r.id, sex: r.sex as Sex, group: r.group as ParticipantGroup | null }]));
    },

    /**
     * Lookup tables for matching an attendance sheet: email key and name match key (the
     * same in Cyrillic and Latin script, shared/calc/registry-duplicates.ts) → person ids.
     */
    async matchKeys(projectId: number) {
      const rows = await db
        .select({ id: registryPeople.id, name: registryPeople.name, emailKey: registryPeople.emailKey })
        .from(registryPeople)
        .where(and(eq(registryPeople.projectId, projectId), isNull(registryPeople.erasedAt)));
      const byEmail = new Map<string, number[]>();
      const byName = new Map<string, number[]>();
      for (const r of rows) {
        const name = matchKey(r.name);
        if (r.emailKey) byEmail.set(r.emailKey, [...(byEmail.get(r.emailKey) ?? []), r.id]);
        if (name) byName.set(name, [...(byName.get(name) ?? []), r.id]);
      }
      return { byEmail, byName };
    },

    logAccess: (userId: number, projectId: number, personIds: readonly number[], action: 'list'): Promise<void> =>
      accessLog.log(userId, projectId, [...new Set(personIds)], action),
  };
}
export type AttendanceRepository = ReturnType<typeof createAttendanceRepository>;
