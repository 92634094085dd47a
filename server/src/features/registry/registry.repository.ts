import type { Statement } from 'better-sqlite3';
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { emailKey, nameKey } from '@shared/calc/registry-duplicates';
import type { SummaryPerson } from '@shared/calc/registry-summary';
import type {
  ConsentRecord,
  ContactPerson,
  CurrentConsent,
  Engagement,
  ListOrganisationsQuery,
  ListPeopleQuery,
  Organisation,
  Person,
  PersonExport,
} from '@shared/schemas/registry';
import type { Db } from '../../db/client';
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

export type PersonRow = typeof registryPeople.$inferSelect;
export type PersonInsert = typeof registryPeople.$inferInsert;
type OrganisationRow = typeof registryOrganisations.$inferSelect;
type OrganisationInsert = typeof registryOrganisations.$inferInsert;
export type AccessAction = (typeof personAccessLog.$inferInsert)['action'];

const NO_CONSENT: CurrentConsent = { status: 'none', purpose: null, noticeVersion: null, givenOn: null, withdrawnOn: null };

/** Consent as it stands, from a person's consent rows in the order they were appended. */
export function currentConsent(rows: readonly { kind: 'given' | 'withdrawn'; purpose: string; noticeVersion: string; date: string }[]): CurrentConsent {
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
  const copy = ['name', 'sex', 'birthYear', 'country', 'city', 'yearsAbroad', 'occupation', 'sectors', 'skills', 'languages', 'email', 'phone', 'group', 'notes'] as const;
  for (const key of copy) if (p[key] !== undefined) (columns as Record<string, unknown>)[key] = p[key];
  if (p.name !== undefined) columns.nameKey = nameKey(p.name);
  if (p.email !== undefined) columns.emailKey = emailKey(p.email);
  return columns;
}

/** The latest consent row's kind, per person, as SQL (null: no consent ever recorded). */
const latestConsentKind = sql`(SELECT c.kind FROM ${registryConsents} c WHERE c.person_id = ${registryPeople.id} ORDER BY c.id DESC LIMIT 1)`;

export function createRegistryRepository(db: Db) {
  function consentsOf(personIds: number[]): Map<number, CurrentConsent> {
    const map = new Map<number, (typeof registryConsents.$inferSelect)[]>();
    if (personIds.length === 0) return new Map();
    const rows = db
      .select()
      .from(registryConsents)
      .where(inArray(registryConsents.personId, personIds))
      .orderBy(asc(registryConsents.id))
      .all();
    for (const r of rows) map.set(r.personId, [...(map.get(r.personId) ?? []), r]);
    return new Map(personIds.map((id) => [id, currentConsent(map.get(id) ?? [])]));
  }

  function organisationIdsOf(personIds: number[]): Map<number, number[]> {
    const map = new Map<number, number[]>();
    if (personIds.length === 0) return map;
    const rows = db
      .select()
      .from(registryMemberships)
      .where(inArray(registryMemberships.personId, personIds))
      .orderBy(asc(registryMemberships.organisationId))
      .all();
    for (const r of rows) map.set(r.personId, [...(map.get(r.personId) ?? []), r.organisationId]);
    return map;
  }

  function toPeople(rows: PersonRow[]): Person[] {
    const ids = rows.map((r) => r.id);
    const consents = consentsOf(ids);
    const orgs = organisationIdsOf(ids);
    return rows.map((r) => toPerson(r, consents.get(r.id) ?? NO_CONSENT, orgs.get(r.id) ?? []));
  }

  function page(where: SQL | undefined, pageNo = 1, pageSize = 50): { items: Person[]; total: number } {
    const total = db.select({ n: count() }).from(registryPeople).where(where).get()?.n ?? 0;
    const rows = db
      .select()
      .from(registryPeople)
      .where(where)
      .orderBy(asc(registryPeople.nameKey), asc(registryPeople.id))
      .limit(pageSize)
      .offset((pageNo - 1) * pageSize)
      .all();
    return { items: toPeople(rows), total };
  }

  // Prepared on first use, so that building the app does not need a migrated database.
  let insertAccess: Statement<[string, number, number, number, AccessAction]> | undefined;

  /** The contact people of these organisations, by person id (one query for the list). */
  function contactsOf(rows: OrganisationRow[]): Map<number, ContactPerson> {
    const ids = [...new Set(rows.flatMap((r) => (r.contactPersonId === null ? [] : [r.contactPersonId])))];
    if (!ids.length) return new Map();
    return new Map(
      db
        .select({ id: registryPeople.id, name: registryPeople.name, erasedAt: registryPeople.erasedAt })
        .from(registryPeople)
        .where(inArray(registryPeople.id, ids))
        .all()
        .map((p) => [p.id, { id: p.id, name: p.name, erased: p.erasedAt !== null }]),
    );
  }

  function organisationRowsToApi(rows: OrganisationRow[]): Organisation[] {
    const ids = rows.map((r) => r.id);
    const engagements = new Map<number, Engagement[]>();
    const members = new Map<number, number>();
    const contacts = contactsOf(rows);
    if (ids.length) {
      for (const e of db
        .select()
        .from(registryEngagements)
        .where(inArray(registryEngagements.organisationId, ids))
        .orderBy(asc(registryEngagements.date), asc(registryEngagements.id))
        .all()) {
        engagements.set(e.organisationId, [...(engagements.get(e.organisationId) ?? []), { id: e.id, date: e.date, note: e.note, createdAt: e.createdAt }]);
      }
      for (const m of db
        .select({ id: registryMemberships.organisationId, n: count() })
        .from(registryMemberships)
        .where(inArray(registryMemberships.organisationId, ids))
        .groupBy(registryMemberships.organisationId)
        .all()) {
        members.set(m.id, m.n);
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

    listPeople(query: ListPeopleQuery) {
      const where: SQL[] = [eq(registryPeople.projectId, query.projectId)];
      if (query.country) where.push(eq(registryPeople.country, query.country));
      if (query.group) where.push(eq(registryPeople.group, query.group));
      if (query.sector) {
        where.push(sql`EXISTS (SELECT 1 FROM json_each(${registryPeople.sectors}) WHERE json_each.value = ${query.sector})`);
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

    searchPeople(projectId: number, q: string | undefined, email: string | undefined, pageNo?: number, pageSize?: number) {
      const where: SQL[] = [eq(registryPeople.projectId, projectId)];
      if (q) {
        const pattern = `%${nameKey(q).replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
        where.push(sql`${registryPeople.nameKey} LIKE ${pattern} ESCAPE '\\'`);
      }
      if (email) where.push(eq(registryPeople.emailKey, emailKey(email) ?? ''));
      return page(and(...where), pageNo, pageSize);
    },

    findPersonRow: (id: number) => db.select().from(registryPeople).where(eq(registryPeople.id, id)).get(),

    findPerson(id: number): Person | undefined {
      const row = db.select().from(registryPeople).where(eq(registryPeople.id, id)).get();
      return row ? toPeople([row])[0] : undefined;
    },

    insertPerson: (values: PersonInsert) =>
      db.insert(registryPeople).values(values).returning({ id: registryPeople.id }).get().id,

    updatePersonVersioned(id: number, version: number, values: Partial<PersonInsert>): boolean {
      return (
        db
          .update(registryPeople)
          .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
          .where(and(eq(registryPeople.id, id), eq(registryPeople.version, version)))
          .run().changes === 1
      );
    },

    deletePerson: (id: number) => db.delete(registryPeople).where(eq(registryPeople.id, id)).run(),

    setMemberships(personId: number, organisationIds: number[]) {
      db.delete(registryMemberships).where(eq(registryMemberships.personId, personId)).run();
      if (organisationIds.length) {
        db.insert(registryMemberships)
          .values([...new Set(organisationIds)].map((organisationId) => ({ personId, organisationId })))
          .run();
      }
    },

    /** Which of these ids are organisations of the project. */
    organisationIdsIn(projectId: number, ids: number[]): Set<number> {
      if (!ids.length) return new Set();
      return new Set(
        db
          .select({ id: registryOrganisations.id })
          .from(registryOrganisations)
          .where(and(eq(registryOrganisations.projectId, projectId), inArray(registryOrganisations.id, ids)))
          .all()
          .map((r) => r.id),
      );
    },

    hasAttendance: (personId: number) =>
      !!db.select({ id: attendance.id }).from(attendance).where(eq(attendance.personId, personId)).limit(1).get(),

    // Consent (append-only: there is no update or delete here)

    consentRecord(personId: number): ConsentRecord[] {
      return db
        .select({ c: registryConsents, userName: users.name })
        .from(registryConsents)
        .leftJoin(users, eq(users.id, registryConsents.recordedBy))
        .where(eq(registryConsents.personId, personId))
        .orderBy(asc(registryConsents.id))
        .all()
        .map(({ c, userName }) => ({
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

    currentConsent: (personId: number) => consentsOf([personId]).get(personId) ?? NO_CONSENT,

    appendConsent(row: typeof registryConsents.$inferInsert): number {
      return db.insert(registryConsents).values(row).returning({ id: registryConsents.id }).get().id;
    },

    /** People of a project whose consent is current (latest row: given), not erased. */
    consentedContacts(projectId: number) {
      return db
        .select()
        .from(registryPeople)
        .where(and(eq(registryPeople.projectId, projectId), sql`${registryPeople.erasedAt} IS NULL`, sql`${latestConsentKind} = 'given'`))
        .orderBy(asc(registryPeople.nameKey), asc(registryPeople.id))
        .all();
    },

    // Access log: who saw whom, when, how. Never the data.

    logAccess(userId: number, projectId: number, personIds: readonly number[], action: AccessAction) {
      const at = new Date().toISOString();
      insertAccess ??= db.$client.prepare<[string, number, number, number, AccessAction]>('INSERT INTO person_access_log (at, user_id, project_id, person_id, action) VALUES (?, ?, ?, ?, ?)');
      for (const personId of personIds) insertAccess.run(at, userId, projectId, personId, action);
    },

    // Export and erasure

    attendanceOf(personId: number): PersonExport['attendance'] {
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
        .orderBy(asc(attendance.date), asc(attendance.id))
        .all();
    },

    /** Organisations that name the person as their contact. */
    contactFor(personId: number) {
      return db
        .select({ id: registryOrganisations.id, name: registryOrganisations.name })
        .from(registryOrganisations)
        .where(eq(registryOrganisations.contactPersonId, personId))
        .orderBy(asc(registryOrganisations.name))
        .all();
    },

    organisationNames(ids: number[]) {
      if (!ids.length) return [];
      return db
        .select({ id: registryOrganisations.id, name: registryOrganisations.name })
        .from(registryOrganisations)
        .where(inArray(registryOrganisations.id, ids))
        .orderBy(asc(registryOrganisations.name))
        .all();
    },

    /**
     * Blanks the before/after and note of every audit row about this person. The rows
     * stay (that a change happened, when and by whom), the data in them goes.
     */
    scrubPersonAudit(personId: number) {
      db.update(auditLog)
        .set({ before: null, after: null, note: null })
        .where(and(eq(auditLog.entity, 'person'), eq(auditLog.entityId, personId)))
        .run();
    },

    // Summary

    summaryPeople(projectId: number): SummaryPerson[] {
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
        .where(eq(registryPeople.projectId, projectId))
        .all();
    },

    // Import

    /** What duplicate detection needs of every person of the project. */
    duplicateCandidates(projectId: number) {
      return db
        .select({
          id: registryPeople.id,
          name: registryPeople.name,
          birthYear: registryPeople.birthYear,
          country: registryPeople.country,
          email: registryPeople.email,
        })
        .from(registryPeople)
        .where(and(eq(registryPeople.projectId, projectId), sql`${registryPeople.erasedAt} IS NULL`))
        .all();
    },

    organisationsByName(projectId: number): Map<string, number> {
      const rows = db
        .select({ id: registryOrganisations.id, name: registryOrganisations.name })
        .from(registryOrganisations)
        .where(eq(registryOrganisations.projectId, projectId))
        .all();
      return new Map(rows.map((r) => [nameKey(r.name), r.id]));
    },

    /**
     * Prepared statements for a bulk import, run inside the caller's transaction: one
     * statement compiled once and run per row is what makes 10,000 rows take well
     * under a second.
     */
    bulkWriters() {
      const person = db.$client.prepare(
        `INSERT INTO registry_people (project_id, name, name_key, sex, birth_year, country, city, years_abroad, occupation,
           sectors, skills, languages, email, email_key, phone, participant_group, notes, illustrative)
         VALUES (@projectId, @name, @nameKey, @sex, @birthYear, @country, @city, @yearsAbroad, @occupation,
           @sectors, @skills, @languages, @email, @emailKey, @phone, @group, @notes, 0)`,
      );
      const membership = db.$client.prepare('INSERT OR IGNORE INTO registry_memberships (person_id, organisation_id) VALUES (?, ?)');
      const consent = db.$client.prepare(
        'INSERT INTO registry_consents (person_id, kind, purpose, notice_version, date, recorded_by) VALUES (?, ?, ?, ?, ?, ?)',
      );
      return {
        insertPerson(p: Omit<Person, 'id' | 'projectId' | 'consent' | 'organisationIds' | 'illustrative' | 'erased' | 'erasedAt' | 'version' | 'createdAt' | 'updatedAt'>, projectId: number): number {
          const result = person.run({
            projectId,
            name: p.name,
            nameKey: nameKey(p.name),
            sex: p.sex,
            birthYear: p.birthYear,
            country: p.country,
            city: p.city,
            yearsAbroad: p.yearsAbroad,
            occupation: p.occupation,
            sectors: JSON.stringify(p.sectors),
            skills: JSON.stringify(p.skills),
            languages: JSON.stringify(p.languages),
            email: p.email,
            emailKey: emailKey(p.email),
            phone: p.phone,
            group: p.group,
            notes: p.notes,
          });
          return Number(result.lastInsertRowid);
        },
        addMembership: (personId: number, organisationId: number) => membership.run(personId, organisationId),
        addConsent: (personId: number, purpose: string, noticeVersion: string, date: string, userId: number) =>
          consent.run(personId, 'given', purpose, noticeVersion, date, userId),
      };
    },

    // Organisations

    listOrganisations(query: ListOrganisationsQuery): Organisation[] {
      const where: SQL[] = [eq(registryOrganisations.projectId, query.projectId)];
      if (query.country) where.push(eq(registryOrganisations.country, query.country));
      if (query.type) where.push(eq(registryOrganisations.type, query.type));
      if (query.sector) {
        where.push(sql`EXISTS (SELECT 1 FROM json_each(${registryOrganisations.sectors}) WHERE json_each.value = ${query.sector})`);
      }
      const rows = db
        .select()
        .from(registryOrganisations)
        .where(and(...where))
        .orderBy(asc(registryOrganisations.name), asc(registryOrganisations.id))
        .all();
      return organisationRowsToApi(rows);
    },

    findOrganisation(id: number): Organisation | undefined {
      const row = db.select().from(registryOrganisations).where(eq(registryOrganisations.id, id)).get();
      return row ? organisationRowsToApi([row])[0] : undefined;
    },

    insertOrganisation: (values: OrganisationInsert) =>
      db.insert(registryOrganisations).values(values).returning({ id: registryOrganisations.id }).get().id,

    updateOrganisationVersioned(id: number, version: number, values: Partial<OrganisationInsert>): boolean {
      return (
        db
          .update(registryOrganisations)
          .set({ ...values, version: version + 1, updatedAt: new Date().toISOString() })
          .where(and(eq(registryOrganisations.id, id), eq(registryOrganisations.version, version)))
          .run().changes === 1
      );
    },

    deleteOrganisation: (id: number) => db.delete(registryOrganisations).where(eq(registryOrganisations.id, id)).run(),

    insertEngagement: (values: typeof registryEngagements.$inferInsert) =>
      db.insert(registryEngagements).values(values).returning({ id: registryEngagements.id }).get().id,

  };
}
export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
