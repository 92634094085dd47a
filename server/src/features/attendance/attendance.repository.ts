import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { matchKey } from '@shared/calc/registry-duplicates';
import type { AttendanceFact, EngagedPerson } from '@shared/calc/registry-engagement';
import type { Attendance } from '@shared/schemas/attendance';
import type { ConsentStatus, ParticipantGroup, Sex } from '@shared/enums';
import type { Db } from '../../db/client';
import { activities, attendance, outcomes, personAccessLog, registryPeople, subEvents } from '../../db/schema';

const latestConsentKind = sql<string | null>`(SELECT c.kind FROM registry_consents c WHERE c.person_id = ${registryPeople.id} ORDER BY c.id DESC LIMIT 1)`;

export function createAttendanceRepository(db: Db) {
  const selectRows = (where: SQL | undefined) =>
    db
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
      .all()
      .map(
        (r): Attendance => ({
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
        }),
      );

  return {
    activity: (id: number) =>
      db
        .select({
          id: activities.id,
          projectId: activities.projectId,
          outcomeId: activities.outcomeId,
          actualStart: activities.actualStart,
          plannedStart: activities.plannedStart,
        })
        .from(activities)
        .where(eq(activities.id, id))
        .get(),

    outcome: (id: number) => db.select({ id: outcomes.id, projectId: outcomes.projectId }).from(outcomes).where(eq(outcomes.id, id)).get(),

    subEvent: (id: number) =>
      db.select({ id: subEvents.id, activityId: subEvents.activityId, date: subEvents.date }).from(subEvents).where(eq(subEvents.id, id)).get(),

    /** People of the project among these ids, with whether they were erased. */
    peopleIn(projectId: number, ids: number[]) {
      if (!ids.length) return [];
      return db
        .select({ id: registryPeople.id, erasedAt: registryPeople.erasedAt })
        .from(registryPeople)
        .where(and(eq(registryPeople.projectId, projectId), inArray(registryPeople.id, ids)))
        .all();
    },

    list(activityId: number, subEventId?: number): Attendance[] {
      const where = [eq(attendance.activityId, activityId)];
      if (subEventId !== undefined) where.push(eq(attendance.subEventId, subEventId));
      return selectRows(and(...where));
    },

    byIds: (ids: number[]) => (ids.length ? selectRows(inArray(attendance.id, ids)) : []),

    /** Person ids already recorded at this activity (or this sub-event of it). */
    presentAt(activityId: number, subEventId: number | null): Set<number> {
      const where = [eq(attendance.activityId, activityId)];
      where.push(subEventId === null ? isNull(attendance.subEventId) : eq(attendance.subEventId, subEventId));
      return new Set(
        db
          .select({ personId: attendance.personId })
          .from(attendance)
          .where(and(...where))
          .all()
          .map((r) => r.personId),
      );
    },

    insert: (values: typeof attendance.$inferInsert) =>
      db.insert(attendance).values(values).returning({ id: attendance.id }).get().id,

    find: (id: number) => db.select().from(attendance).where(eq(attendance.id, id)).get(),

    delete: (id: number) => db.delete(attendance).where(eq(attendance.id, id)).run(),

    /** Every attendance row of a project, with its activity's outcome, for engagement counts. */
    facts(projectId: number): AttendanceFact[] {
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
        .where(eq(attendance.projectId, projectId))
        .all();
    },

    /** Sex and group of the people of a project (erased people keep both, so counts stay). */
    engagedPeople(projectId: number): Map<number, EngagedPerson> {
      const rows = db
        .select({ id: registryPeople.id, sex: registryPeople.sex, group: registryPeople.group })
        .from(registryPeople)
        .where(eq(registryPeople.projectId, projectId))
        .all();
      return new Map(rows.map((r) => [r.id, { id: r.id, sex: r.sex as Sex, group: r.group as ParticipantGroup | null }]));
    },

    /**
     * Lookup tables for matching an attendance sheet: email key and name match key (the
     * same in Cyrillic and Latin script, shared/calc/registry-duplicates.ts) → person ids.
     */
    matchKeys(projectId: number) {
      const rows = db
        .select({ id: registryPeople.id, name: registryPeople.name, emailKey: registryPeople.emailKey })
        .from(registryPeople)
        .where(and(eq(registryPeople.projectId, projectId), isNull(registryPeople.erasedAt)))
        .all();
      const byEmail = new Map<string, number[]>();
      const byName = new Map<string, number[]>();
      for (const r of rows) {
        const name = matchKey(r.name);
        if (r.emailKey) byEmail.set(r.emailKey, [...(byEmail.get(r.emailKey) ?? []), r.id]);
        if (name) byName.set(name, [...(byName.get(name) ?? []), r.id]);
      }
      return { byEmail, byName };
    },

    logAccess(userId: number, projectId: number, personIds: readonly number[], action: 'list') {
      if (!personIds.length) return;
      const at = new Date().toISOString();
      db.insert(personAccessLog)
        .values([...new Set(personIds)].map((personId) => ({ at, userId, projectId, personId, action })))
        .run();
    },
  };
}
export type AttendanceRepository = ReturnType<typeof createAttendanceRepository>;
