import { fieldIssue } from '@shared/issues';
import { hasPermission } from '@shared/permissions';
import { personalColumns } from '@shared/schemas/registry-columns';
import type {
  CreateEngagementInput,
  CreateOrganisationInput,
  ListOrganisationsQuery,
  Organisation,
  UpdateOrganisationInput,
} from '@shared/schemas/registry-organisation';
import { writeAudit } from '../../core/audit';
import type { AuthUser } from '../../core/auth-user';
import { validationFailed, versionConflict } from '../../core/errors';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { camel, type RegistryContext } from './registry-context';
import type { RegistryRepository } from './registry.repository';

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
 * An organisation as its audit rows keep it: the contact by id only, so that the audit log
 * never holds a copy of the person's name (erasure scrubs the person's own audit rows only).
 */
function organisationForAudit({ contactPerson, ...org }: Organisation) {
  return { ...org, contactPersonId: contactPerson?.id ?? null };
}

/** Organisations of the registry; partners and donors see them without contact details. */
export function createOrganisationsService(db: Db, repo: RegistryRepository, { withProject }: RegistryContext) {
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

  return {
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
