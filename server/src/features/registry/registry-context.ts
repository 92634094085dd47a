import { fieldIssue, issue } from '@shared/issues';
import type { Person } from '@shared/schemas/registry';
import { writeAudit } from '../../core/audit';
import type { AuthUser } from '../../core/auth-user';
import { refused, validationFailed } from '../../core/errors';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { type Db, sqliteOf } from '../../db/client';
import type { RegistryRepository } from './registry.repository';

export const today = () => new Date().toISOString().slice(0, 10);
export const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * After erasure no copy may stay in SQLite's WAL: copy it into the database and truncate
 * it. (PostgreSQL's own write-ahead log and dead row versions are the server's to recycle;
 * decision 018 says what that means for erasure there.)
 */
export function checkpoint(db: Db): void {
  sqliteOf(db)?.pragma('wal_checkpoint(TRUNCATE)');
}

/** The checks and writes that the people, consent, import and organisation services share. */
export function createRegistryContext(db: Db, repo: RegistryRepository) {
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

  async function withProject<T>(
    user: AuthUser,
    projectId: number,
    permission: Parameters<typeof assertProjectAccess>[3],
    fn: () => Promise<T>,
  ): Promise<T> {
    await assertProjectAccess(db, user, projectId, permission);
    return fn();
  }

  return { loadPerson, notErased, checkOrganisations, appendConsent, withProject };
}
export type RegistryContext = ReturnType<typeof createRegistryContext>;
