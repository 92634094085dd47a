import { possibleDuplicates } from '@shared/calc/registry-duplicates';
import { summariseRegistry, SMALL_CELL_THRESHOLD } from '@shared/calc/registry-summary';
import { explain } from '@shared/issue-messages';
import { fieldIssue, issue } from '@shared/issues';
import { hasPermission } from '@shared/permissions';
import type {
  CheckDuplicatesInput,
  ConsentInput,
  CreatePersonInput,
  DuplicateCheck,
  ErasePersonInput,
  ListPeopleQuery,
  NewPersonFields,
  Person,
  PersonExport,
  SearchPeopleInput,
  UpdatePersonInput,
  WithdrawConsentInput,
} from '@shared/schemas/registry';
import { KEPT_AFTER_ERASURE, personalColumns } from '@shared/schemas/registry-columns';
import {
  ImportConsentSchema,
  ImportDecisionsSchema,
  ImportMappingSchema,
  type ImportPreview,
  type ImportResult,
} from '@shared/schemas/registry-import';
import type {
  CreateEngagementInput,
  CreateOrganisationInput,
  ListOrganisationsQuery,
  Organisation,
  UpdateOrganisationInput,
} from '@shared/schemas/registry-organisation';
import type { RegistrySummary, RegistrySummaryQuery } from '@shared/schemas/registry-summary';
import { writeAudit } from '../../core/audit';
import { IMPORT_LIMITS } from '../../core/import-limits';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db, sqliteOf } from '../../db/client';
import { notFound, refused, validationFailed, versionConflict } from '../../core/errors';
import { jsonField, type UploadedForm } from '../../core/uploads';
import type { AuthUser } from '../../core/auth-user';
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

/**
 * After erasure no copy may stay in SQLite's WAL: copy it into the database and truncate
 * it. (PostgreSQL's own write-ahead log and dead row versions are the server's to recycle;
 * decision 018 says what that means for erasure there.)
 */
function checkpoint(db: Db): void {
  sqliteOf(db)?.pragma('wal_checkpoint(TRUNCATE)');
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
  async function loadPerson(user: AuthUser, id: number, permission: 'registry:read-personal' | 'registry:edit'): Promise<Person> {
    const person = await assertRecordAccess(db, user, await repo.findPerson(id), 'Person', permission);
    return person;
  }

  function notErased(person: Person) {
    if (person.erased) throw refused('CONFLICT', issue('person.erased'));
  }

  async function checkOrganisations(projectId: number, ids: number[]): Promise<void> {
    const found = await repo.organisationIdsIn(projectId, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      throw validationFailed([fieldIssue('organisationIds', 'ref.not_project_organisations', { ids: missing.join(', ') })]);
    }
  }

  /** A new contact must be a person of the organisation's project, not erased: 400 on contactPersonId otherwise. */
  async function checkContact(projectId: number, personId: number): Promise<void> {
    const person = await repo.findPersonRow(personId);
    if (!person || person.projectId !== projectId) {
      throw validationFailed([fieldIssue('contactPersonId', 'ref.not_registry_person')]);
    }
    if (person.erasedAt !== null) throw validationFailed([fieldIssue('contactPersonId', 'person.contact_erased')]);
  }

  /** Logs the contact people an answer shows (their names are personal data). */
  async function logContacts(user: AuthUser, projectId: number, orgs: Organisation[], action: 'list' | 'view'): Promise<void> {
    const ids = [...new Set(orgs.flatMap((o) => (o.contactPerson ? [o.contactPerson.id] : [])))];
    if (ids.length) await repo.logAccess(user.id, projectId, ids, action);
  }

  async function appendConsent(
    user: AuthUser,
    person: { id: number; projectId: number },
    kind: 'given' | 'withdrawn',
    c: { purpose: string; noticeVersion: string; date: string },
  ): Promise<void> {
    const consentId = await repo.appendConsent({
      personId: person.id,
      kind,
      purpose: c.purpose,
      noticeVersion: c.noticeVersion,
      date: c.date,
      recordedBy: user.id,
    });
    // The consent audit row holds ids and the notice, nothing that describes the person.
    await writeAudit(db, {
      userId: user.id,
      entity: 'consent',
      entityId: consentId,
      projectId: person.projectId,
      action: 'create',
      after: { personId: person.id, kind, purpose: c.purpose, noticeVersion: c.noticeVersion, date: c.date },
    });
  }

  /** Creates a person inside the caller's transaction (also used for inline creation from attendance). */
  async function insertPerson(user: AuthUser, projectId: number, input: NewPersonFields): Promise<Person> {
    await checkOrganisations(projectId, input.organisationIds);
    const { consent, organisationIds, ...fields } = input;
    const id = await repo.insertPerson({ ...(personColumns(fields) as PersonInsert), projectId });
    await repo.setMemberships(id, organisationIds);
    if (consent) await appendConsent(user, { id, projectId }, 'given', { ...consent, date: consent.givenOn });
    const person = await repo.findPerson(id);
    if (!person) throw notFound('Person');
    await writeAudit(db, { userId: user.id, entity: 'person', entityId: id, projectId, action: 'create', after: person });
    return person;
  }

  async function withProject<T>(
    user: AuthUser,
    projectId: number,
    permission: Parameters<typeof assertProjectAccess>[3],
    fn: () => Promise<T>,
  ): Promise<T> {
    await assertProjectAccess(db, user, projectId, permission);
    return fn();
  }

  return {
    // People

    list(user: AuthUser, query: ListPeopleQuery) {
      return withProject(user, query.projectId, 'registry:read-personal', async () => {
        const result = await repo.listPeople(query);
        await repo.logAccess(
          user.id,
          query.projectId,
          result.items.map((p) => p.id),
          'list',
        );
        return result;
      });
    },

    search(user: AuthUser, input: SearchPeopleInput) {
      return withProject(user, input.projectId, 'registry:read-personal', async () => {
        const result = await repo.searchPeople(input.projectId, input.q, input.email, input.page, input.pageSize);
        await repo.logAccess(
          user.id,
          input.projectId,
          result.items.map((p) => p.id),
          'search',
        );
        return result;
      });
    },

    async get(user: AuthUser, id: number): Promise<Person> {
      const person = await loadPerson(user, id, 'registry:read-personal');
      await repo.logAccess(user.id, person.projectId, [id], 'view');
      return person;
    },

    create(user: AuthUser, input: CreatePersonInput): Promise<Person> {
      return inTransaction(db, async () => {
        const { projectId, ...fields } = input;
        await assertProjectAccess(db, user, projectId, 'registry:edit');
        return insertPerson(user, projectId, fields);
      });
    },

    /** For the attendance feature: a new person added inline, in the caller's transaction. */
    async createInline(user: AuthUser, projectId: number, fields: NewPersonFields): Promise<Person> {
      await assertProjectAccess(db, user, projectId, 'registry:edit');
      return insertPerson(user, projectId, fields);
    },

    update(user: AuthUser, id: number, input: UpdatePersonInput): Promise<Person> {
      return inTransaction(db, async () => {
        const before = await loadPerson(user, id, 'registry:edit');
        if (before.version !== input.version) throw versionConflict(before);
        notErased(before);
        const { version, note, organisationIds, ...changes } = input;
        if (organisationIds) await checkOrganisations(before.projectId, organisationIds);
        if (!(await repo.updatePersonVersioned(id, version, personColumns(changes)))) throw versionConflict(await repo.findPerson(id));
        if (organisationIds) await repo.setMemberships(id, organisationIds);
        const after = await repo.findPerson(id);
        if (!after) throw notFound('Person');
        await writeAudit(db, {
          userId: user.id,
          entity: 'person',
          entityId: id,
          projectId: before.projectId,
          action: 'update',
          before,
          after,
          note: note || null,
        });
        return after;
      });
    },

    /**
     * Possible duplicates of a person about to be created or changed (a warning the form
     * shows before saving): the same email, or the same name in either script with no
     * birth year or country contradicting it. Each person named is logged as a search result.
     */
    duplicates(user: AuthUser, input: CheckDuplicatesInput): Promise<DuplicateCheck> {
      return withProject(user, input.projectId, 'registry:edit', async () => {
        const existing = (await repo.duplicateCandidates(input.projectId)).filter((p) => p.id !== input.personId);
        const items = possibleDuplicates({ name: input.name, birthYear: input.birthYear, country: input.country, email: input.email }, existing);
        await repo.logAccess(
          user.id,
          input.projectId,
          items.flatMap((m) => (m.personId === null ? [] : [m.personId])),
          'search',
        );
        return { items };
      });
    },

    /**
     * Deletes a record made by mistake (a person with attendance is erased instead, so
     * that counts stay). The person's audit rows are scrubbed as on erasure.
     */
    async delete(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const before = await loadPerson(user, id, 'registry:edit');
        if (before.version !== version) throw versionConflict(before);
        if (await repo.hasAttendance(id)) {
          throw refused('HAS_DEPENDENTS', issue('person.has_attendance'));
        }
        await repo.scrubPersonAudit(id);
        await repo.deletePerson(id);
        await writeAudit(db, { userId: user.id, entity: 'person', entityId: id, projectId: before.projectId, action: 'delete' });
        await repo.logAccess(user.id, before.projectId, [id], 'delete');
      });
      checkpoint(db);
    },

    async consents(user: AuthUser, id: number) {
      const person = await loadPerson(user, id, 'registry:read-personal');
      await repo.logAccess(user.id, person.projectId, [id], 'view');
      const items = await repo.consentRecord(id);
      return { items, total: items.length };
    },

    giveConsent(user: AuthUser, id: number, input: ConsentInput): Promise<Person> {
      return inTransaction(db, async () => {
        const person = await loadPerson(user, id, 'registry:edit');
        notErased(person);
        await appendConsent(user, person, 'given', { ...input, date: input.givenOn });
        return (await repo.findPerson(id)) as Person;
      });
    },

    /** Withdrawal is one action: it appends a row; the person drops out of contact exports at once. */
    withdrawConsent(user: AuthUser, id: number, input: WithdrawConsentInput): Promise<Person> {
      return inTransaction(db, async () => {
        const person = await loadPerson(user, id, 'registry:edit');
        if (person.consent.status !== 'given') throw refused('CONFLICT', issue('person.no_consent_to_withdraw'));
        const date = input.withdrawnOn ?? today();
        if (person.consent.givenOn && date < person.consent.givenOn) {
          throw validationFailed([fieldIssue('withdrawnOn', 'person.withdrawn_before_given')]);
        }
        await appendConsent(user, person, 'withdrawn', {
          purpose: person.consent.purpose ?? '',
          noticeVersion: person.consent.noticeVersion ?? '',
          date,
        });
        return (await repo.findPerson(id)) as Person;
      });
    },

    async export(user: AuthUser, id: number): Promise<PersonExport> {
      const person = await loadPerson(user, id, 'registry:read-personal');
      await repo.logAccess(user.id, person.projectId, [id], 'export');
      return {
        exportedAt: new Date().toISOString(),
        person,
        consents: await repo.consentRecord(id),
        organisations: await repo.organisationNames(person.organisationIds),
        contactFor: await repo.contactFor(id),
        attendance: await repo.attendanceOf(id),
      };
    },

    /**
     * Erasure: the record stays (so attendance and aggregates keep their counts) but
     * every personal field is wiped, memberships go, the audit rows about the person are
     * scrubbed, consent (if current) is withdrawn. The connection runs with
     * secure_delete, so freed bytes are zeroed; the WAL is checkpointed and truncated
     * afterwards, so no old copy of a page survives in the -wal file either.
     */
    async erase(user: AuthUser, id: number, input: ErasePersonInput): Promise<Person> {
      const erased = await inTransaction(db, async () => {
        const before = await loadPerson(user, id, 'registry:edit');
        if (before.version !== input.version) throw versionConflict(before);
        notErased(before);
        if (before.consent.status === 'given') {
          await appendConsent(user, before, 'withdrawn', {
            purpose: before.consent.purpose ?? '',
            noticeVersion: before.consent.noticeVersion ?? '',
            date: today(),
          });
        }
        await repo.setMemberships(id, []);
        if (!(await repo.updatePersonVersioned(id, input.version, erasedColumns(id)))) throw versionConflict(await repo.findPerson(id));
        await repo.scrubPersonAudit(id);
        await writeAudit(db, {
          userId: user.id,
          entity: 'person',
          entityId: id,
          projectId: before.projectId,
          action: 'update',
          note: 'Personal data erased',
        });
        await repo.logAccess(user.id, before.projectId, [id], 'erase');
        return (await repo.findPerson(id)) as Person;
      });
      checkpoint(db);
      return erased;
    },

    /** Contacts of people with current consent only (CSV). Each one exported is logged. */
    contactsCsv(user: AuthUser, projectId: number): Promise<string> {
      return withProject(user, projectId, 'registry:read-personal', async () => {
        const rows = await repo.consentedContacts(projectId);
        await repo.logAccess(
          user.id,
          projectId,
          rows.map((r) => r.id),
          'contacts_export',
        );
        return toCsv(
          ['id', 'name', 'email', 'phone', 'country', 'city', 'group'],
          rows.map((r) => [r.id, r.name, r.email, r.phone, r.country, r.city, r.group]),
        );
      });
    },

    /** Aggregates only, with small cells suppressed: what partners and donors may see. */
    summary(user: AuthUser, query: RegistrySummaryQuery): Promise<RegistrySummary> {
      return withProject(user, query.projectId, 'project:read', async () => {
        const { projectId, ...filters } = query;
        const result = summariseRegistry(await repo.summaryPeople(projectId), filters);
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
      await assertProjectAccess(db, user, projectId, 'registry:edit');
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

      const run = async () => {
        const plan = planImport(table, mapping, decisions, await repo.duplicateCandidates(projectId), await repo.organisationsByName(projectId));
        if (!consent && plan.parsed.some((p) => p.person && p.consent)) {
          plan.blocking.push({ row: 1, ...explain(issue('survey.consent_terms_missing')) });
        }
        return plan;
      };

      if (dryRun) {
        const plan = await run();
        const count = (s: string) =>
          plan.parsed.filter((p) => (p.person === null ? 'invalid' : plan.duplicates.has(p.row) ? 'duplicate' : 'ok') === s).length;
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

      return inTransaction(db, async () => {
        const plan = await run();
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
        // New people are written many to a statement; a merge reads the registry, so what is queued is written before it.
        let queued: { row: number; person: NewPersonFields; consentDate: string | null }[] = [];
        const writeQueued = async () => {
          if (!queued.length) return;
          const ids = await writers.insertPeople(
            queued.map((q) => q.person),
            projectId,
          );
          const memberships: { personId: number; organisationId: number }[] = [];
          const consentRows: { personId: number; purpose: string; noticeVersion: string; date: string; userId: number }[] = [];
          queued.forEach((q, i) => {
            const id = ids[i] as number;
            for (const orgId of q.person.organisationIds) memberships.push({ personId: id, organisationId: orgId });
            if (q.consentDate !== null && consent) {
              consentRows.push({
                personId: id,
                purpose: consent.purpose,
                noticeVersion: consent.noticeVersion,
                date: q.consentDate,
                userId: user.id,
              });
            }
            target.set(q.row, id);
            createdIds.push(id);
          });
          await writers.addMemberships(memberships);
          await writers.addConsents(consentRows);
          queued = [];
        };
        for (const p of plan.parsed) {
          const action = plan.actions.get(p.row);
          if (!p.person || !action || action.action === 'skip') {
            skipped += 1;
            continue;
          }
          const consentDate = p.consentDate ?? today();
          if (action.action === 'create') {
            const withConsent = p.consent && consent !== null;
            queued.push({ row: p.row, person: p.person, consentDate: withConsent ? consentDate : null });
            if (withConsent) consents += 1;
            created += 1;
            continue;
          }
          await writeQueued();
          const personId = 'personId' in action ? action.personId : (target.get(action.row) as number);
          const before = (await repo.findPerson(personId)) as Person;
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
          await repo.updatePersonVersioned(personId, before.version, personColumns(mergedFields));
          await writers.addMemberships(p.person.organisationIds.map((organisationId) => ({ personId, organisationId })));
          if (p.consent && consent && (await repo.currentConsent(personId)).status !== 'given') {
            await writers.addConsents([
              { personId, purpose: consent.purpose, noticeVersion: consent.noticeVersion, date: consentDate, userId: user.id },
            ]);
            consents += 1;
          }
          const after = await repo.findPerson(personId);
          await writeAudit(db, {
            userId: user.id,
            entity: 'person',
            entityId: personId,
            projectId,
            action: 'update',
            before,
            after,
            note: `Merged from import row ${p.row}`,
          });
          target.set(p.row, personId);
          merged += 1;
        }
        await writeQueued();
        // One audit row for the import: counts and ids, no personal data.
        await writeAudit(db, {
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
      return withProject(user, query.projectId, 'project:read', async () => {
        const personal = hasPermission(user.role, 'registry:read-personal');
        const found = await repo.listOrganisations(query);
        if (personal) await logContacts(user, query.projectId, found, 'list');
        const items = personal ? found : found.map(redactOrganisation);
        return { items, total: items.length };
      });
    },

    async getOrganisation(user: AuthUser, id: number): Promise<Organisation> {
      const org = await assertRecordAccess(db, user, await repo.findOrganisation(id), 'Organisation', 'project:read');
      if (!hasPermission(user.role, 'registry:read-personal')) return redactOrganisation(org);
      await logContacts(user, org.projectId, [org], 'view');
      return org;
    },

    createOrganisation(user: AuthUser, input: CreateOrganisationInput): Promise<Organisation> {
      return inTransaction(db, async () => {
        await assertProjectAccess(db, user, input.projectId, 'registry:edit');
        if (input.contactPersonId !== null) await checkContact(input.projectId, input.contactPersonId);
        const id = await repo.insertOrganisation(input);
        const org = (await repo.findOrganisation(id)) as Organisation;
        await writeAudit(db, {
          userId: user.id,
          entity: 'organisation',
          entityId: id,
          projectId: input.projectId,
          action: 'create',
          after: organisationForAudit(org),
        });
        return org;
      });
    },

    updateOrganisation(user: AuthUser, id: number, input: UpdateOrganisationInput): Promise<Organisation> {
      return inTransaction(db, async () => {
        const before = await assertRecordAccess(db, user, await repo.findOrganisation(id), 'Organisation', 'registry:edit');
        const { version, ...changes } = input;
        if (before.version !== version) throw versionConflict(before);
        // Only a new contact is checked: keeping one who was erased since is allowed (the link stays).
        const contactId = changes.contactPersonId;
        if (contactId !== undefined && contactId !== null && contactId !== before.contactPerson?.id) await checkContact(before.projectId, contactId);
        if (!(await repo.updateOrganisationVersioned(id, version, changes))) throw versionConflict(await repo.findOrganisation(id));
        const after = (await repo.findOrganisation(id)) as Organisation;
        await writeAudit(db, {
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

    async deleteOrganisation(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const before = await assertRecordAccess(db, user, await repo.findOrganisation(id), 'Organisation', 'registry:edit');
        if (before.version !== version) throw versionConflict(before);
        await repo.deleteOrganisation(id);
        await writeAudit(db, {
          userId: user.id,
          entity: 'organisation',
          entityId: id,
          projectId: before.projectId,
          action: 'delete',
          before: organisationForAudit(before),
        });
      });
    },

    addEngagement(user: AuthUser, id: number, input: CreateEngagementInput): Promise<Organisation> {
      return inTransaction(db, async () => {
        const org = await assertRecordAccess(db, user, await repo.findOrganisation(id), 'Organisation', 'registry:edit');
        const engagementId = await repo.insertEngagement({ organisationId: id, date: input.date, note: input.note, createdBy: user.id });
        await writeAudit(db, {
          userId: user.id,
          entity: 'organisation_engagement',
          entityId: engagementId,
          projectId: org.projectId,
          action: 'create',
          after: { organisationId: id, ...input },
        });
        return (await repo.findOrganisation(id)) as Organisation;
      });
    },
  };
}
export type RegistryService = ReturnType<typeof createRegistryService>;
