import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { emailKey, nameKey } from '@shared/calc/registry-duplicates';
import type { SummaryPerson } from '@shared/calc/registry-summary';
import type { ConsentRecord, CurrentConsent, ListPeopleQuery, Person, PersonExport } from '@shared/schemas/registry';
import { first, single, type Db } from '../../db/client';
import { jsonArrayHas } from '../../db/portable';
import {
  activities,
  attendance,
  auditLog,
  registryConsents,
  registryMemberships,
  registryOrganisations,
  registryPeople,
  subEvents,
  users,
} from '../../db/schema';
import { createPersonAccessLog } from '../../repositories/person-access.repository';
import { updateVersioned } from '../../repositories/versioned';
import { currentConsent, latestConsentKind, NO_CONSENT, toPerson, type AccessAction, type PersonInsert, type PersonRow } from './registry-rows';

/** People, their memberships and consent rows, the access log, and what export, erasure and the summary read. */
export function createPeopleRepository(db: Db) {
  const accessLog = createPersonAccessLog(db);
  async function consentsOf(personIds: number[]): Promise<Map<number, CurrentConsent>> {
    const map = new Map<number, (typeof registryConsents.$inferSelect)[]>();
    if (personIds.length === 0) return new Map();
    const rows = await db.select().from(registryConsents).where(inArray(registryConsents.personId, personIds)).orderBy(asc(registryConsents.id));
    for (const r of rows) map.set(r.personId, [...(map.get(r.personId) ?? []), r]);
    return new Map(personIds.map((id) => [id, currentConsent(map.get(id) ?? [])]));
  }

  async function organisationIdsOf(personIds: number[]): Promise<Map<number, number[]>> {
    const map = new Map<number, number[]>();
    if (personIds.length === 0) return map;
    const rows = await db
      .select()
      .from(registryMemberships)
      .where(inArray(registryMemberships.personId, personIds))
      .orderBy(asc(registryMemberships.organisationId));
    for (const r of rows) map.set(r.personId, [...(map.get(r.personId) ?? []), r.organisationId]);
    return map;
  }

  async function toPeople(rows: PersonRow[]): Promise<Person[]> {
    const ids = rows.map((r) => r.id);
    const consents = await consentsOf(ids);
    const orgs = await organisationIdsOf(ids);
    return rows.map((r) => toPerson(r, consents.get(r.id) ?? NO_CONSENT, orgs.get(r.id) ?? []));
  }

  async function page(where: SQL | undefined, pageNo = 1, pageSize = 50): Promise<{ items: Person[]; total: number }> {
    const total = Number((await first(db.select({ n: count() }).from(registryPeople).where(where)))?.n ?? 0);
    const rows = await db
      .select()
      .from(registryPeople)
      .where(where)
      .orderBy(asc(registryPeople.nameKey), asc(registryPeople.id))
      .limit(pageSize)
      .offset((pageNo - 1) * pageSize);
    return { items: await toPeople(rows), total };
  }

  return {
    listPeople(query: ListPeopleQuery): Promise<{ items: Person[]; total: number }> {
      const where: SQL[] = [eq(registryPeople.projectId, query.projectId)];
      if (query.country) where.push(eq(registryPeople.country, query.country));
      if (query.group) where.push(eq(registryPeople.group, query.group));
      if (query.sector) {
        where.push(jsonArrayHas(registryPeople.sectors, query.sector));
      }
      if (query.organisationId) {
        where.push(
          sql`EXISTS (SELECT 1 FROM ${registryMemberships} m WHERE m.person_id = ${registryPeople.id} AND m.organisation_id = ${query.organisationId})`,
        );
      }
      if (query.consent === 'none') where.push(sql`${latestConsentKind} IS NULL`);
      else if (query.consent) where.push(sql`${latestConsentKind} = ${query.consent}`);
      return page(and(...where), query.page, query.pageSize);
    },

    searchPeople(
      projectId: number,
      q: string | undefined,
      email: string | undefined,
      pageNo?: number,
      pageSize?: number,
    ): Promise<{ items: Person[]; total: number }> {
      const where: SQL[] = [eq(registryPeople.projectId, projectId)];
      if (q) {
        const pattern = `%${nameKey(q).replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        where.push(sql`${registryPeople.nameKey} LIKE ${pattern} ESCAPE '\\'`);
      }
      if (email) where.push(eq(registryPeople.emailKey, emailKey(email) ?? ''));
      return page(and(...where), pageNo, pageSize);
    },

    findPersonRow: (id: number) => first(db.select().from(registryPeople).where(eq(registryPeople.id, id))),

    async findPerson(id: number): Promise<Person | undefined> {
      const row = await first(db.select().from(registryPeople).where(eq(registryPeople.id, id)));
      return row ? (await toPeople([row]))[0] : undefined;
    },

    insertPerson: async (values: PersonInsert): Promise<number> =>
      (await single(db.insert(registryPeople).values(values).returning({ id: registryPeople.id }))).id,

    async updatePersonVersioned(id: number, version: number, values: Partial<PersonInsert>): Promise<boolean> {
      return updateVersioned(db, registryPeople, registryPeople.id, id, version, values);
    },

    deletePerson: async (id: number): Promise<void> => {
      await db.delete(registryPeople).where(eq(registryPeople.id, id));
    },

    async setMemberships(personId: number, organisationIds: number[]): Promise<void> {
      await db.delete(registryMemberships).where(eq(registryMemberships.personId, personId));
      if (organisationIds.length) {
        await db.insert(registryMemberships).values([...new Set(organisationIds)].map((organisationId) => ({ personId, organisationId })));
      }
    },

    /** Which of these ids are organisations of the project. */
    async organisationIdsIn(projectId: number, ids: number[]): Promise<Set<number>> {
      if (!ids.length) return new Set();
      return new Set(
        (
          await db
            .select({ id: registryOrganisations.id })
            .from(registryOrganisations)
            .where(and(eq(registryOrganisations.projectId, projectId), inArray(registryOrganisations.id, ids)))
        ).map((r) => r.id),
      );
    },

    hasAttendance: async (personId: number): Promise<boolean> =>
      !!(await first(db.select({ id: attendance.id }).from(attendance).where(eq(attendance.personId, personId)).limit(1))),

    // Consent (append-only: there is no update or delete here)

    async consentRecord(personId: number): Promise<ConsentRecord[]> {
      return (
        await db
          .select({ c: registryConsents, userName: users.name })
          .from(registryConsents)
          .leftJoin(users, eq(users.id, registryConsents.recordedBy))
          .where(eq(registryConsents.personId, personId))
          .orderBy(asc(registryConsents.id))
      ).map(({ c, userName }) => ({
        id: c.id,
        personId: c.personId,
        kind: c.kind,
        purpose: c.purpose,
        noticeVersion: c.noticeVersion,
        date: c.date,
        recordedBy: c.recordedBy !== null && userName !== null ? { id: c.recordedBy, name: userName } : null,
        recordedAt: c.recordedAt,
      }));
    },

    currentConsent: async (personId: number): Promise<CurrentConsent> => (await consentsOf([personId])).get(personId) ?? NO_CONSENT,

    async appendConsent(row: typeof registryConsents.$inferInsert): Promise<number> {
      return (await single(db.insert(registryConsents).values(row).returning({ id: registryConsents.id }))).id;
    },

    /** People of a project whose consent is current (latest row: given), not erased. */
    consentedContacts(projectId: number): Promise<PersonRow[]> {
      return db
        .select()
        .from(registryPeople)
        .where(and(eq(registryPeople.projectId, projectId), sql`${registryPeople.erasedAt} IS NULL`, sql`${latestConsentKind} = 'given'`))
        .orderBy(asc(registryPeople.nameKey), asc(registryPeople.id));
    },

    // Access log: who saw whom, when, how. Never the data.

    logAccess: (userId: number, projectId: number, personIds: readonly number[], action: AccessAction): Promise<void> =>
      accessLog.log(userId, projectId, personIds, action),

    // Export and erasure

    attendanceOf(personId: number): Promise<PersonExport['attendance']> {
      return db
        .select({
          activityId: attendance.activityId,
          activityTitle: activities.title,
          subEventId: attendance.subEventId,
          subEventTitle: subEvents.title,
          date: attendance.date,
        })
        .from(attendance)
        .innerJoin(activities, eq(activities.id, attendance.activityId))
        .leftJoin(subEvents, eq(subEvents.id, attendance.subEventId))
        .where(eq(attendance.personId, personId))
        .orderBy(asc(attendance.date), asc(attendance.id));
    },

    /** Organisations that name the person as their contact. */
    contactFor(personId: number): Promise<{ id: number; name: string }[]> {
      return db
        .select({ id: registryOrganisations.id, name: registryOrganisations.name })
        .from(registryOrganisations)
        .where(eq(registryOrganisations.contactPersonId, personId))
        .orderBy(asc(registryOrganisations.name));
    },

    async organisationNames(ids: number[]): Promise<{ id: number; name: string }[]> {
      if (!ids.length) return [];
      return db
        .select({ id: registryOrganisations.id, name: registryOrganisations.name })
        .from(registryOrganisations)
        .where(inArray(registryOrganisations.id, ids))
        .orderBy(asc(registryOrganisations.name));
    },

    /**
     * Blanks the before/after and note of every audit row about this person. The rows
     * stay (that a change happened, when and by whom), the data in them goes.
     */
    async scrubPersonAudit(personId: number): Promise<void> {
      await db
        .update(auditLog)
        .set({ before: null, after: null, note: null })
        .where(and(eq(auditLog.entity, 'person'), eq(auditLog.entityId, personId)));
    },

    // Summary

    summaryPeople(projectId: number): Promise<SummaryPerson[]> {
      return db
        .select({
          sex: registryPeople.sex,
          group: registryPeople.group,
          country: registryPeople.country,
          yearsAbroad: registryPeople.yearsAbroad,
          occupation: registryPeople.occupation,
          sectors: registryPeople.sectors,
          skills: registryPeople.skills,
          languages: registryPeople.languages,
        })
        .from(registryPeople)
        .where(eq(registryPeople.projectId, projectId));
    },

    /** What duplicate detection needs of every person of the project. */
    duplicateCandidates(
      projectId: number,
    ): Promise<{ id: number; name: string; birthYear: number | null; country: string | null; email: string | null }[]> {
      return db
        .select({
          id: registryPeople.id,
          name: registryPeople.name,
          birthYear: registryPeople.birthYear,
          country: registryPeople.country,
          email: registryPeople.email,
        })
        .from(registryPeople)
        .where(and(eq(registryPeople.projectId, projectId), sql`${registryPeople.erasedAt} IS NULL`));
    },
  };
}
