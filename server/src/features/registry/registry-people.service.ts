import { possibleDuplicates } from '@shared/calc/registry-duplicates';
import { summariseRegistry, SMALL_CELL_THRESHOLD } from '@shared/calc/registry-summary';
import { issue } from '@shared/issues';
import type {
  CheckDuplicatesInput,
  CreatePersonInput,
  DuplicateCheck,
  ListPeopleQuery,
  NewPersonFields,
  Person,
  SearchPeopleInput,
  UpdatePersonInput,
} from '@shared/schemas/registry';
import type { RegistrySummary, RegistrySummaryQuery } from '@shared/schemas/registry-summary';
import { writeAudit } from '../../core/audit';
import type { AuthUser } from '../../core/auth-user';
import { notFound, refused, versionConflict } from '../../core/errors';
import { assertProjectAccess } from '../../core/project-access';
import { toCsv } from '../../core/tabular';
import { inTransaction, type Db } from '../../db/client';
import { checkpoint, type RegistryContext } from './registry-context';
import { personColumns, type PersonInsert } from './registry-rows';
import type { RegistryRepository } from './registry.repository';

/** People of the registry: listing, search, the record itself, duplicates, the contact export and the summary. */
export function createPeopleService(db: Db, repo: RegistryRepository, ctx: RegistryContext) {
  const { loadPerson, notErased, checkOrganisations, appendConsent, withProject } = ctx;

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

  /** A page of people, each one shown logged in the access log. */
  async function logShown<T extends { items: Person[] }>(user: AuthUser, projectId: number, page: T, action: 'list' | 'search'): Promise<T> {
    await repo.logAccess(
      user.id,
      projectId,
      page.items.map((p) => p.id),
      action,
    );
    return page;
  }

  return {
    list(user: AuthUser, query: ListPeopleQuery) {
      return withProject(user, query.projectId, 'registry:read-personal', async () =>
        logShown(user, query.projectId, await repo.listPeople(query), 'list'),
      );
    },

    search(user: AuthUser, input: SearchPeopleInput) {
      return withProject(user, input.projectId, 'registry:read-personal', async () =>
        logShown(user, input.projectId, await repo.searchPeople(input.projectId, input.q, input.email, input.page, input.pageSize), 'search'),
      );
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
  };
}
