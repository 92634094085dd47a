import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { emailKey, nameKey } from '@shared/calc/registry-duplicates';
import type { SummaryPerson } from '@shared/calc/registry-summary';
import type { ConsentRecord, CurrentConsent, ListPeopleQuery, Person, PersonExport } from '@shared/schemas/registry';
import type { ContactPerson, Engagement, ListOrganisationsQuery, Organisation } from '@shared/schemas/registry-organisation';
import { first, single, type Db } from '../../db/client';
import { jsonArrayHas } from '../../db/portable';
import {
  activities,
  attendance,
  auditLog,
  personAccessLog,
  registryConsents,
  registryEngagements,
  registryMemberships,
  registryOrganisations,
  registryPeople,
  subEvents,
  users,
} from '../../db/schema';
import { updateVersioned } from '../../repositories/versioned';
import { createPersonAccessLog } from '../../repositories/person-access.repository';

export type PersonRow = typeof registryPeople.$inferSelect;
export type PersonInsert = typeof registryPeople.$inferInsert;
type OrganisationRow = typeof registryOrganisations.$inferSelect;
type OrganisationInsert = typeof registryOrganisations.$inferInsert;
export type AccessAction = (typeof personAccessLog.$inferInsert)['action'];

const NO_CONSENT: CurrentConsent = { status: 'none', purpose: null, noticeVersion: null, givenOn: null, withdrawnOn: null };

/** Consent as it stands, from a person's consent rows in the order they were appended. */
export function currentConsent(
  rows: readonly { kind: 'given' | 'withdrawn'; purpose: string; noticeVersion: string; date: string }[],
): CurrentConsent {
  const last = rows.at(-1);
  if (!last) return NO_CONSENT;
  const given = rows.findLast((r) => r.kind === 'given');
  return {
    status: last.kind,
    purpose: given?.purpose ?? null,
    noticeVersion: given?.noticeVersion ?? null,
    givenOn: given?.date ?? null,
    withdrawnOn: last.kind === 'withdrawn' ? last.date : null,
  };
}

export function toPerson(row: PersonRow, consent: CurrentConsent, organisationIds: number[]): Person {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    sex: row.sex as Person['sex'],
    birthYear: row.birthYear,
    country: row.country,
    city: row.city,
    yearsAbroad: row.yearsAbroad,
    occupation: row.occupation,
    sectors: row.sectors as Person['sectors'],
    skills: row.skills,
    languages: row.languages,
    email: row.email,
    phone: row.phone,
    group: row.group as Person['group'],
    organisationIds,
    notes: row.notes,
    consent,
    illustrative: row.illustrative,
    erased: row.erasedAt !== null,
    erasedAt: row.erasedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The storage columns of a person's fields (keys for search and duplicates included). */
export function personColumns(p: Partial<Omit<Person, 'id' | 'consent' | 'organisationIds'>>): Partial<PersonInsert> {
  const columns: Partial<PersonInsert> = {};
  const copy = [
    'name',
    'sex',
    'birthYear',
    'country',
    'city',
    'yearsAbroad',
    'occupation',
    'sectors',
    'skills',
    'languages',
    'email',
    'phone',
    'group',
    'notes',
  ] as const;
  for (const key of copy) if (p[key] !== undefined) (columns as Record<string, unknown>)[key] = p[key];
  if (p.name !== undefined) columns.nameKey = nameKey(p.name);
  if (p.email !== undefined) columns.emailKey = emailKey(p.email);
  return columns;
}

/** Rows written by one statement in bulk inserts. */
const CHUNK = 500;

/** A person's fields as an import writes them. */
export type ImportedPerson = Omit<
  Person,
  'id' | 'projectId' | 'consent' | 'organisationIds' | 'illustrative' | 'erased' | 'erasedAt' | 'version' | 'createdAt' | 'updatedAt'
>;

/** The latest consent row's kind, per person, as SQL (null: no consent ever recorded). */
const latestConsentKind = sql`(SELECT c.kind FROM ${registryConsents} c WHERE c.person_id = ${registryPeople.id} ORDER BY c.id DESC LIMIT 1)`;

export function createRegistryRepository(db: Db) {
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

  /** The contact people of these organisations, by person id (one query for the list). */
  async function contactsOf(rows: OrganisationRow[]): Promise<Map<number, ContactPerson>> {
    const ids = [...new Set(rows.flatMap((r) => (r.contactPersonId === null ? [] : [r.contactPersonId])))];
    if (!ids.length) return new Map();
    return new Map(
      (
        await db
          .select({ id: registryPeople.id, name: registryPeople.name, erasedAt: registryPeople.erasedAt })
          .from(registryPeople)
          .where(inArray(registryPeople.id, ids))
      ).map((p) => [p.id, { id: p.id, name: p.name, erased: p.erasedAt !== null }]),
    );
  }

  async function organisationRowsToApi(rows: OrganisationRow[]): Promise<Organisation[]> {
    const ids = rows.map((r) => r.id);
    const engagements = new Map<number, Engagement[]>();
    const members = new Map<number, number>();
    const contacts = await contactsOf(rows);
    if (ids.length) {
      for (const e of await db
        .select()
        .from(registryEngagements)
        .where(inArray(registryEngagements.organisationId, ids))
        .orderBy(asc(registryEngagements.date), asc(registryEngagements.id))) {
        engagements.set(e.organisationId, [
          ...(engagements.get(e.organisationId) ?? []),
          { id: e.id, date: e.date, note: e.note, createdAt: e.createdAt },
        ]);
      }
      for (const m of await db
        .select({ id: registryMemberships.organisationId, n: count() })
        .from(registryMemberships)
        .where(inArray(registryMemberships.organisationId, ids))
        .groupBy(registryMemberships.organisationId)) {
        members.set(m.id, Number(m.n));
      }
    }
    return rows.map((r) => ({
      id: r.id,
      projectId: r.projectId,
      name: r.name,
      country: r.country,
      city: r.city,
      type: r.type as Organisation['type'],
      sectors: r.sectors as Organisation['sectors'],
      contactPerson: r.contactPersonId === null ? null : (contacts.get(r.contactPersonId) ?? null),
      contactEmail: r.contactEmail,
      contactPhone: r.contactPhone,
      sizeEstimate: r.sizeEstimate,
      links: r.links,
      description: r.description,
      engagements: engagements.get(r.id) ?? [],
      memberCount: members.get(r.id) ?? 0,
      illustrative: r.illustrative,
      redacted: false,
      version: r.version,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    }));
  }

  return {
    // People

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

    // Import

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

    async organisationsByName(projectId: number): Promise<Map<string, number>> {
      const rows = await db
        .select({ id: registryOrganisations.id, name: registryOrganisations.name })
        .from(registryOrganisations)
        .where(eq(registryOrganisations.projectId, projectId));
      return new Map(rows.map((r) => [nameKey(r.name), r.id]));
    },

    /**
     * Writers for a bulk import, run inside the caller's transaction: many rows to a
     * statement is what makes 10,000 rows take well under a second.
     */
    bulkWriters() {
      return {
        /** Inserts the people in order and answers their ids in the same order. */
        async insertPeople(people: readonly ImportedPerson[], projectId: number): Promise<number[]> {
          const ids: number[] = [];
          for (let i = 0; i < people.length; i += CHUNK) {
            const rows = await db
              .insert(registryPeople)
              .values(people.slice(i, i + CHUNK).map((p) => ({ ...(personColumns(p) as PersonInsert), projectId })))
              .returning({ id: registryPeople.id });
            // Ids grow in the order of the rows; the order RETURNING answers them in is not promised.
            ids.push(...rows.map((r) => r.id).sort((x, y) => x - y));
          }
          return ids;
        },
        async addMemberships(rows: readonly { personId: number; organisationId: number }[]): Promise<void> {
          for (let i = 0; i < rows.length; i += CHUNK) {
            await db
              .insert(registryMemberships)
              .values(rows.slice(i, i + CHUNK))
              .onConflictDoNothing();
          }
        },
        async addConsents(
          rows: readonly { personId: number; purpose: string; noticeVersion: string; date: string; userId: number }[],
        ): Promise<void> {
          for (let i = 0; i < rows.length; i += CHUNK) {
            await db.insert(registryConsents).values(
              rows.slice(i, i + CHUNK).map((r) => ({
                personId: r.personId,
                kind: 'given' as const,
                purpose: r.purpose,
                noticeVersion: r.noticeVersion,
                date: r.date,
                recordedBy: r.userId,
              })),
            );
          }
        },
      };
    },

    // Organisations

    async listOrganisations(query: ListOrganisationsQuery): Promise<Organisation[]> {
      const where: SQL[] = [eq(registryOrganisations.projectId, query.projectId)];
      if (query.country) where.push(eq(registryOrganisations.country, query.country));
      if (query.type) where.push(eq(registryOrganisations.type, query.type));
      if (query.sector) {
        where.push(jsonArrayHas(registryOrganisations.sectors, query.sector));
      }
      const rows = await db
        .select()
        .from(registryOrganisations)
        .where(and(...where))
        .orderBy(asc(registryOrganisations.name), asc(registryOrganisations.id));
      return organisationRowsToApi(rows);
    },

    async findOrganisation(id: number): Promise<Organisation | undefined> {
      const row = await first(db.select().from(registryOrganisations).where(eq(registryOrganisations.id, id)));
      return row ? (await organisationRowsToApi([row]))[0] : undefined;
    },

    insertOrganisation: async (values: OrganisationInsert): Promise<number> =>
      (await single(db.insert(registryOrganisations).values(values).returning({ id: registryOrganisations.id }))).id,

    async updateOrganisationVersioned(id: number, version: number, values: Partial<OrganisationInsert>): Promise<boolean> {
      return updateVersioned(db, registryOrganisations, registryOrganisations.id, id, version, values);
    },

    deleteOrganisation: async (id: number): Promise<void> => {
      await db.delete(registryOrganisations).where(eq(registryOrganisations.id, id));
    },

    insertEngagement: async (values: typeof registryEngagements.$inferInsert): Promise<number> =>
      (await single(db.insert(registryEngagements).values(values).returning({ id: registryEngagements.id }))).id,
  };
}
export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
