import { fieldIssue, issue } from '@shared/issues';
import type { ConsentInput, ErasePersonInput, Person, PersonExport, WithdrawConsentInput } from '@shared/schemas/registry';
import { KEPT_AFTER_ERASURE, personalColumns } from '@shared/schemas/registry-columns';
import { writeAudit } from '../../core/audit';
import type { AuthUser } from '../../core/auth-user';
import { refused, validationFailed, versionConflict } from '../../core/errors';
import { inTransaction, type Db } from '../../db/client';
import { camel, checkpoint, today, type RegistryContext } from './registry-context';
import type { PersonInsert } from './registry-rows';
import type { RegistryRepository } from './registry.repository';

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

/** A person's consent and their rights over their data: the consent record, export and erasure. */
export function createConsentService(db: Db, repo: RegistryRepository, ctx: RegistryContext) {
  const { loadPerson, notErased, appendConsent } = ctx;

  return {
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
  };
}
