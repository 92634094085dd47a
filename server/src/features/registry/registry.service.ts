import { possibleDuplicates } from '@shared/calc/registry-duplicates';
import { summariseRegistry, SMALL_CELL_THRESHOLD } from '@shared/calc/registry-summary';
import { explain } from '@shared/issue-messages';
import { fieldIssue, issue } from '@shared/issues';
import { hasPermission } from '@shared/permissions';
import {
  ImportConsentSchema,
  ImportDecisionsSchema,
  ImportMappingSchema,
  KEPT_AFTER_ERASURE,
  personalColumns,
  type CheckDuplicatesInput,
  type ConsentInput,
  type CreateEngagementInput,
  type CreateOrganisationInput,
  type CreatePersonInput,
  type DuplicateCheck,
  type ErasePersonInput,
  type ImportPreview,
  type ImportResult,
  type ListOrganisationsQuery,
  type ListPeopleQuery,
  type NewPersonFields,
  type Organisation,
  type Person,
  type PersonExport,
  type RegistrySummary,
  type RegistrySummaryQuery,
  type SearchPeopleInput,
  type UpdateOrganisationInput,
  type UpdatePersonInput,
  type WithdrawConsentInput,
} from '@shared/schemas/registry';
import { writeAudit } from '../../core/audit';
import { IMPORT_LIMITS } from '../../core/import-limits';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { notFound, refused, validationFailed, versionConflict } from '../../http/app-error';
import { jsonField, type UploadedForm } from '../../http/multipart';
import type { AuthUser } from '../../http/session';
import { planImport, suggestMapping } from './registry.import';
import { personColumns, type PersonInsert, type RegistryRepository } from './registry.repository';
import { readTable, toCsv } from '../../core/tabular';

const today = () => new Date().toISOString().slice(0, 10);
const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** The API field of an organisation column: the contact person link comes back as the person (id and name). */
const organisationField = (column: string) => (column === 'contact_person_id' ? 'contactPerson' : camel(column));
/** Organisation fields that are personal (contact details), from the classification map. */
const PERSONAL_ORGANISATION_FIELDS = personalColumns('registry_organisations').map(organisationField) as (keyof Organisation)[];
const ENGAGEMENT_NOTE_IS_PERSONAL = personalColumns('registry_engagements').includes('note');

/** Partners and donors see an organisation without its personal fields. */
function redactOrganisation(org: Organisation): Organisation {
  const redacted: Organisation = { ...org, redacted: true };
  for (const field of PERSONAL_ORGANISATION_FIELDS) (redacted as Record<string, unknown>)[field] = null;
  if (ENGAGEMENT_NOTE_IS_PERSONAL) redacted.engagements = org.engagements.map((e) => ({ ...e, note: null }));
  return redacted;
}

/**
 * What erasure writes over a person: every personal column becomes null (or empty),
 * except those KEPT_AFTER_ERASURE for aggregates; the name becomes "Erased person #id".
 */
function erasedColumns(id: number): Partial<PersonInsert> {
  const kept = new Set<string>(KEPT_AFTER_ERASURE);
  const columns: Record<string, unknown> = {};
  const lists = new Set(['sectors', 'skills', 'languages']);
  for (const column of personalColumns('registry_people')) {
    if (kept.has(column)) continue;
    const field = column === 'participant_group' ? 'group' : camel(column);
    columns[field] = lists.has(field) ? [] : null;
  }
  columns.name = `Erased person #${id}`;
  columns.erasedAt = new Date().toISOString();
  return columns as Partial<PersonInsert>;
}

/** After erasure no copy may stay in the WAL: copy it into the database and truncate it. */
function checkpoint(db: Db): void {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * An organisation as its audit rows keep it: the contact by id only, so that the audit log
 * never holds a copy of the person's name (erasure scrubs the person's own audit rows only).
 */
function organisationForAudit({ contactPerson, ...org }: Organisation) {
  return { ...org, contactPersonId: contactPerson?.id ?? null };
}

/** The survey in "file"; the mapping, decisions and consent notice as JSON fields beside it, up to 1 MB each. */
export const IMPORT_UPLOAD = {
  field: 'file',
  maxBytes: IMPORT_LIMITS.survey.maxUploadBytes,
  fields: ['mapping', 'decisions', 'consent'],
  maxFieldBytes: 1024 * 1024,
} as const;

export function createRegistryService(db: Db, repo: RegistryRepository) {
  function loadPerson(user: AuthUser, id: number, permission: 'registry:read-personal' | 'registry:edit'): Person {
    return assertRecordAccess(db, user, repo.findPerson(id), 'Person', permission);
  }

  function notErased(person: Person) {
    if (person.erased) throw refused('CONFLICT', issue('person.erased'));
  }

  function checkOrganisations(projectId: number, ids: number[]) {
    const found = repo.organisationIdsIn(projectId, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      throw validationFailed([fieldIssue('organisationIds', 'ref.not_project_organisations', { ids: missing.join(', ') })]);
    }
  }

  /** A new contact must be a person of the organisation's project, not erased: 400 on contactPersonId otherwise. */
  function checkContact(projectId: number, personId: number) {
    const person = repo.findPersonRow(personId);
    if (!person || person.projectId !== projectId) {
      throw validationFailed([fieldIssue('contactPersonId', 'ref.not_registry_person')]);
    }
    if (person.erasedAt !== null) throw validationFailed([fieldIssue('contactPersonId', 'person.contact_erased')]);
  }

  /** Logs the contact people an answer shows (their names are personal data). */
  function logContacts(user: AuthUser, projectId: number, orgs: Organisation[], action: 'list' | 'view') {
    const ids = [...new Set(orgs.flatMap((o) => (o.contactPerson ? [o.contactPerson.id] : [])))];
    if (ids.length) repo.logAccess(user.id, projectId, ids, action);
  }

  function appendConsent(user: AuthUser, person: { id: number; projectId: number }, kind: 'given' | 'withdrawn', c: { purpose: string; noticeVersion: string; date: string }) {
    const consentId = repo.appendConsent({ personId: person.id, kind, purpose: c.purpose, noticeVersion: c.noticeVersion, date: c.date, recordedBy: user.id });
    // The consent audit row holds ids and the notice, nothing that describes the person.
    writeAudit(db, {
      userId: user.id,
      entity: 'consent',
      entityId: consentId,
      projectId: person.projectId,
      action: 'create',
      after: { personId: person.id, kind, purpose: c.purpose, noticeVersion: c.noticeVersion, date: c.date },
    });
  }

  /** Creates a person inside the caller's transaction (also used for inline creation from attendance). */
  function insertPerson(user: AuthUser, projectId: number, input: NewPersonFields): Person {
    checkOrganisations(projectId, input.organisationIds);
    const { consent, organisationIds, ...fields } = input;
    const id = repo.insertPerson({ ...(personColumns(fields) as PersonInsert), projectId });
    repo.setMemberships(id, organisationIds);
    if (consent) appendConsent(user, { id, projectId }, 'given', { ...consent, date: consent.givenOn });
    const person = repo.findPerson(id);
    if (!person) throw notFound('Person');
    writeAudit(db, { userId: user.id, entity: 'person', entityId: id, projectId, action: 'create', after: person });
    return person;
  }

  function withProject<T>(user: AuthUser, projectId: number, permission: Parameters<typeof assertProjectAccess>[3], fn: () => T): T {
    assertProjectAccess(db, user, projectId, permission);
    return fn();
  }

  return {
    // People

    list(user: AuthUser, query: ListPeopleQuery) {
      return withProject(user, query.projectId, 'registry:read-personal', () => {
        const result = repo.listPeople(query);
        repo.logAccess(user.id, query.projectId, result.items.map((p) => p.id), 'list');
        return result;
      });
    },

    search(user: AuthUser, input: SearchPeopleInput) {
      return withProject(user, input.projectId, 'registry:read-personal', () => {
        const result = repo.searchPeople(input.projectId, input.q, input.email, input.page, input.pageSize);
        repo.logAccess(user.id, input.projectId, result.items.map((p) => p.id), 'search');
        return result;
      });
    },

    get(user: AuthUser, id: number): Person {
      const person = loadPerson(user, id, 'registry:read-personal');
      repo.logAccess(user.id, person.projectId, [id], 'view');
      return person;
    },

    create(user: AuthUser, input: CreatePersonInput): Person {
      return inTransaction(db, () => {
        const { projectId, ...fields } = input;
        assertProjectAccess(db, user, projectId, 'registry:edit');
        return insertPerson(user, projectId, fields);
      });
    },

    /** For the attendance feature: a new person added inline, in the caller's transaction. */
    createInline(user: AuthUser, projectId: number, fields: NewPersonFields): Person {
      assertProjectAccess(db, user, projectId, 'registry:edit');
      return insertPerson(user, projectId, fields);
    },

    update(user: AuthUser, id: number, input: UpdatePersonInput): Person {
      return inTransaction(db, () => {
        const before = loadPerson(user, id, 'registry:edit');
        if (before.version !== input.version) throw versionConflict(before);
        notErased(before);
        const { version, note, organisationIds, ...changes } = input;
        if (organisationIds) checkOrganisations(before.projectId, organisationIds);
        if (!repo.updatePersonVersioned(id, version, personColumns(changes))) throw versionConflict(repo.findPerson(id));
        if (organisationIds) repo.setMemberships(id, organisationIds);
        const after = repo.findPerson(id);
        if (!after) throw notFound('Person');
        writeAudit(db, { userId: user.id, entity: 'person', entityId: id, projectId: before.projectId, action: 'update', before, after, note: note || null });
        return after;
      });
    },

    /**
     * Possible duplicates of a person about to be created or changed (a warning the form
     * shows before saving): the same email, or the same name in either script with no
     * birth year or country contradicting it. Each person named is logged as a search result.
     */
    duplicates(user: AuthUser, input: CheckDuplicatesInput): DuplicateCheck {
      return withProject(user, input.projectId, 'registry:edit', () => {
        const existing = repo.duplicateCandidates(input.projectId).filter((p) => p.id !== input.personId);
        const items = possibleDuplicates({ name: input.name, birthYear: input.birthYear, country: input.country, email: input.email }, existing);
        repo.logAccess(user.id, input.projectId, items.flatMap((m) => (m.personId === null ? [] : [m.personId])), 'search');
        return { items };
      });
    },

    /**
     * Deletes a record made by mistake (a person with attendance is erased instead, so
     * that counts stay). The person's audit rows are scrubbed as on erasure.
     */
    delete(user: AuthUser, id: number, version: number): void {
      inTransaction(db, () => {
        const before = loadPerson(user, id, 'registry:edit');
        if (before.version !== version) throw versionConflict(before);
        if (repo.hasAttendance(id)) {
          throw refused('HAS_DEPENDENTS', issue('person.has_attendance'));
        }
        repo.scrubPersonAudit(id);
        repo.deletePerson(id);
        writeAudit(db, { userId: user.id, entity: 'person', entityId: id, projectId: before.projectId, action: 'delete' });
        repo.logAccess(user.id, before.projectId, [id], 'delete');
      });
      checkpoint(db);
    },

    consents(user: AuthUser, id: number) {
      const person = loadPerson(user, id, 'registry:read-personal');
      repo.logAccess(user.id, person.projectId, [id], 'view');
      const items = repo.consentRecord(id);
      return { items, total: items.length };
    },

    giveConsent(user: AuthUser, id: number, input: ConsentInput): Person {
      return inTransaction(db, () => {
        const person = loadPerson(user, id, 'registry:edit');
        notErased(person);
        appendConsent(user, person, 'given', { ...input, date: input.givenOn });
        return repo.findPerson(id) as Person;
      });
    },

    /** Withdrawal is one action: it appends a row; the person drops out of contact exports at once. */
    withdrawConsent(user: AuthUser, id: number, input: WithdrawConsentInput): Person {
      return inTransaction(db, () => {
        const person = loadPerson(user, id, 'registry:edit');
        if (person.consent.status !== 'given') throw refused('CONFLICT', issue('person.no_consent_to_withdraw'));
        const date = input.withdrawnOn ?? today();
        if (person.consent.givenOn && date < person.consent.givenOn) {
          throw validationFailed([fieldIssue('withdrawnOn', 'person.withdrawn_before_given')]);
        }
        appendConsent(user, person, 'withdrawn', {
          purpose: person.consent.purpose ?? '',
          noticeVersion: person.consent.noticeVersion ?? '',
          date,
        });
        return repo.findPerson(id) as Person;
      });
    },

    export(user: AuthUser, id: number): PersonExport {
      const person = loadPerson(user, id, 'registry:read-personal');
      repo.logAccess(user.id, person.projectId, [id], 'export');
      return {
        exportedAt: new Date().toISOString(),
        person,
        consents: repo.consentRecord(id),
        organisations: repo.organisationNames(person.organisationIds),
        contactFor: repo.contactFor(id),
        attendance: repo.attendanceOf(id),
      };
    },

    /**
     * Erasure: the record stays (so attendance and aggregates keep their counts) but
     * every personal field is wiped, memberships go, the audit rows about the person are
     * scrubbed, consent (if current) is withdrawn. The connection runs with
     * secure_delete, so freed bytes are zeroed; the WAL is checkpointed and truncated
     * afterwards, so no old copy of a page survives in the -wal file either.
     */
    erase(user: AuthUser, id: number, input: ErasePersonInput): Person {
      const erased = inTransaction(db, () => {
        const before = loadPerson(user, id, 'registry:edit');
        if (before.version !== input.version) throw versionConflict(before);
        notErased(before);
        if (before.consent.status === 'given') {
          appendConsent(user, before, 'withdrawn', {
            purpose: before.consent.purpose ?? '',
            noticeVersion: before.consent.noticeVersion ?? '',
            date: today(),
          });
        }
        repo.setMemberships(id, []);
        if (!repo.updatePersonVersioned(id, input.version, erasedColumns(id))) throw versionConflict(repo.findPerson(id));
        repo.scrubPersonAudit(id);
        writeAudit(db, { userId: user.id, entity: 'person', entityId: id, projectId: before.projectId, action: 'update', note: 'Personal data erased' });
        repo.logAccess(user.id, before.projectId, [id], 'erase');
        return repo.findPerson(id) as Person;
      });
      checkpoint(db);
      return erased;
    },

    /** Contacts of people with current consent only (CSV). Each one exported is logged. */
    contactsCsv(user: AuthUser, projectId: number): string {
      return withProject(user, projectId, 'registry:read-personal', () => {
        const rows = repo.consentedContacts(projectId);
        repo.logAccess(user.id, projectId, rows.map((r) => r.id), 'contacts_export');
        return toCsv(
          ['id', 'name', 'email', 'phone', 'country', 'city', 'group'],
          rows.map((r) => [r.id, r.name, r.email, r.phone, r.country, r.city, r.group]),
        );
      });
    },

    /** Aggregates only, with small cells suppressed: what partners and donors may see. */
    summary(user: AuthUser, query: RegistrySummaryQuery): RegistrySummary {
      return withProject(user, query.projectId, 'project:read', () => {
        const { projectId, ...filters } = query;
        const result = summariseRegistry(repo.summaryPeople(projectId), filters);
        return {
          projectId,
          filters: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Record<string, string>,
          threshold: SMALL_CELL_THRESHOLD,
          ...result,
        };
      });
    },

    // Import

    /**
     * Mapping-survey import. A dry run reads and checks everything and writes nothing; a
     * commit re-reads the same file with the decisions and writes it all in one
     * transaction, or nothing when any row is blocked.
     */
    async importSurvey(
      user: AuthUser,
      projectId: number,
      dryRun: boolean,
      readUpload: () => Promise<UploadedForm>,
    ): Promise<ImportPreview | ImportResult> {
      // Access first: nobody without it gets as far as having a file read.
      assertProjectAccess(db, user, projectId, 'registry:edit');
      const upload = await readUpload();
      const parseJsonField = (name: string) => jsonField(upload, name);
      const table = await readTable(upload.data, IMPORT_LIMITS.survey.maxRows);
      const suggested = suggestMapping(table.headers);
      const rawMapping = parseJsonField('mapping');
      if (rawMapping === undefined && !dryRun) throw validationFailed([fieldIssue('mapping', 'survey.mapping_missing')]);
      const mapping = ImportMappingSchema.parse(rawMapping ?? suggested);
      const unknown = Object.entries(mapping).filter(([, header]) => !table.headers.includes(header));
      if (unknown.length) {
        throw validationFailed(unknown.map(([field, header]) => fieldIssue(`mapping.${field}`, 'survey.mapping_no_column', { header })));
      }
      const decisions = ImportDecisionsSchema.parse(parseJsonField('decisions') ?? {});
      const rawConsent = parseJsonField('consent');
      const consent = rawConsent === undefined ? null : ImportConsentSchema.parse(rawConsent);

      const run = () => {
        const plan = planImport(table, mapping, decisions, repo.duplicateCandidates(projectId), repo.organisationsByName(projectId));
        if (!consent && plan.parsed.some((p) => p.person && p.consent)) {
          plan.blocking.push({ row: 1, ...explain(issue('survey.consent_terms_missing')) });
        }
        return plan;
      };

      if (dryRun) {
        const plan = run();
        const count = (s: string) => plan.parsed.filter((p) => (p.person === null ? 'invalid' : plan.duplicates.has(p.row) ? 'duplicate' : 'ok') === s).length;
        return {
          dryRun: true,
          columns: table.headers.map((header, i) => ({
            header,
            samples: table.rows.slice(0, 3).map((r) => r[i] ?? ''),
          })),
          mapping: mapping as Record<string, string>,
          suggestedMapping: suggested as Record<string, string>,
          totals: { rows: plan.parsed.length, ok: count('ok'), invalid: count('invalid'), duplicate: count('duplicate') },
          rows: plan.reports,
          blocking: plan.blocking,
          preview: plan.parsed.slice(0, 20).flatMap((p) => (p.person ? [{ row: p.row, ...p.person }] : [])),
        };
      }

      return inTransaction(db, () => {
        const plan = run();
        if (plan.blocking.length) {
          throw validationFailed(plan.blocking.map(({ row, ...block }) => ({ path: `rows.${row}`, ...block })));
        }
        const writers = repo.bulkWriters();
        const target = new Map<number, number>();
        let created = 0;
        let merged = 0;
        let skipped = 0;
        let consents = 0;
        const createdIds: number[] = [];
        for (const p of plan.parsed) {
          const action = plan.actions.get(p.row);
          if (!p.person || !action || action.action === 'skip') {
            skipped += 1;
            continue;
          }
          const consentDate = p.consentDate ?? today();
          if (action.action === 'create') {
            const id = writers.insertPerson(p.person, projectId);
            for (const orgId of p.person.organisationIds) writers.addMembership(id, orgId);
            if (p.consent && consent) {
              writers.addConsent(id, consent.purpose, consent.noticeVersion, consentDate, user.id);
              consents += 1;
            }
            target.set(p.row, id);
            createdIds.push(id);
            created += 1;
            continue;
          }
          const personId = 'personId' in action ? action.personId : (target.get(action.row) as number);
          const before = repo.findPerson(personId) as Person;
          const incoming = p.person;
          const fill = <K extends keyof Person>(key: K, value: Person[K]) =>
            before[key] === null || (key === 'sex' && before.sex === 'not_stated') ? value : before[key];
          const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];
          const mergedFields = {
            sex: fill('sex', incoming.sex),
            birthYear: fill('birthYear', incoming.birthYear),
            country: fill('country', incoming.country),
            city: fill('city', incoming.city),
            yearsAbroad: fill('yearsAbroad', incoming.yearsAbroad),
            occupation: fill('occupation', incoming.occupation),
            email: fill('email', incoming.email),
            phone: fill('phone', incoming.phone),
            group: fill('group', incoming.group),
            notes: fill('notes', incoming.notes),
            sectors: union(before.sectors, incoming.sectors) as Person['sectors'],
            skills: union(before.skills, incoming.skills),
            languages: union(before.languages, incoming.languages),
          };
          repo.updatePersonVersioned(personId, before.version, personColumns(mergedFields));
          for (const orgId of p.person.organisationIds) writers.addMembership(personId, orgId);
          if (p.consent && consent && repo.currentConsent(personId).status !== 'given') {
            writers.addConsent(personId, consent.purpose, consent.noticeVersion, consentDate, user.id);
            consents += 1;
          }
          const after = repo.findPerson(personId);
          writeAudit(db, { userId: user.id, entity: 'person', entityId: personId, projectId, action: 'update', before, after, note: `Merged from import row ${p.row}` });
          target.set(p.row, personId);
          merged += 1;
        }
        // One audit row for the import: counts and ids, no personal data.
        writeAudit(db, {
          userId: user.id,
          entity: 'registry_import',
          entityId: projectId,
          projectId,
          action: 'create',
          after: { created, merged, skipped, consents, firstPersonId: createdIds[0] ?? null, lastPersonId: createdIds.at(-1) ?? null },
        });
        return { dryRun: false as const, created, merged, skipped, consents };
      });
    },

    // Organisations

    listOrganisations(user: AuthUser, query: ListOrganisationsQuery) {
      return withProject(user, query.projectId, 'project:read', () => {
        const personal = hasPermission(user.role, 'registry:read-personal');
        const found = repo.listOrganisations(query);
        if (personal) logContacts(user, query.projectId, found, 'list');
        const items = personal ? found : found.map(redactOrganisation);
        return { items, total: items.length };
      });
    },

    getOrganisation(user: AuthUser, id: number): Organisation {
      const org = assertRecordAccess(db, user, repo.findOrganisation(id), 'Organisation', 'project:read');
      if (!hasPermission(user.role, 'registry:read-personal')) return redactOrganisation(org);
      logContacts(user, org.projectId, [org], 'view');
      return org;
    },

    createOrganisation(user: AuthUser, input: CreateOrganisationInput): Organisation {
      return inTransaction(db, () => {
        assertProjectAccess(db, user, input.projectId, 'registry:edit');
        if (input.contactPersonId !== null) checkContact(input.projectId, input.contactPersonId);
        const id = repo.insertOrganisation(input);
        const org = repo.findOrganisation(id) as Organisation;
        writeAudit(db, { userId: user.id, entity: 'organisation', entityId: id, projectId: input.projectId, action: 'create', after: organisationForAudit(org) });
        return org;
      });
    },

    updateOrganisation(user: AuthUser, id: number, input: UpdateOrganisationInput): Organisation {
      return inTransaction(db, () => {
        const before = assertRecordAccess(db, user, repo.findOrganisation(id), 'Organisation', 'registry:edit');
        const { version, ...changes } = input;
        if (before.version !== version) throw versionConflict(before);
        // Only a new contact is checked: keeping one who was erased since is allowed (the link stays).
        const contactId = changes.contactPersonId;
        if (contactId !== undefined && contactId !== null && contactId !== before.contactPerson?.id) checkContact(before.projectId, contactId);
        if (!repo.updateOrganisationVersioned(id, version, changes)) throw versionConflict(repo.findOrganisation(id));
        const after = repo.findOrganisation(id) as Organisation;
        writeAudit(db, {
          userId: user.id,
          entity: 'organisation',
          entityId: id,
          projectId: before.projectId,
          action: 'update',
          before: organisationForAudit(before),
          after: organisationForAudit(after),
        });
        return after;
      });
    },

    deleteOrganisation(user: AuthUser, id: number, version: number): void {
      inTransaction(db, () => {
        const before = assertRecordAccess(db, user, repo.findOrganisation(id), 'Organisation', 'registry:edit');
        if (before.version !== version) throw versionConflict(before);
        repo.deleteOrganisation(id);
        writeAudit(db, { userId: user.id, entity: 'organisation', entityId: id, projectId: before.projectId, action: 'delete', before: organisationForAudit(before) });
      });
    },

    addEngagement(user: AuthUser, id: number, input: CreateEngagementInput): Organisation {
      return inTransaction(db, () => {
        const org = assertRecordAccess(db, user, repo.findOrganisation(id), 'Organisation', 'registry:edit');
        const engagementId = repo.insertEngagement({ organisationId: id, date: input.date, note: input.note, createdBy: user.id });
        writeAudit(db, { userId: user.id, entity: 'organisation_engagement', entityId: engagementId, projectId: org.projectId, action: 'create', after: { organisationId: id, ...input } });
        return repo.findOrganisation(id) as Organisation;
      });
    },
  };
}
export type RegistryService = ReturnType<typeof createRegistryService>;
