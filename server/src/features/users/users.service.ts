import { inArray } from 'drizzle-orm';
import { fieldIssue, issue } from '@shared/issues';
import type { CreateUserInput, ListUsersQuery, UpdateUserInput, User } from '@shared/schemas/user';
import { writeAudit } from '../../core/audit';
import { hashPassword } from '../../core/password';
import { inTransaction, type Db } from '../../db/client';
import { projects } from '../../db/schema';
import { notFound, refused, validationFailed, versionConflict } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import type { SessionStore } from '../../core/session-store';
import type { UsersRepository } from './users.repository';

export function createUsersService(db: Db, repo: UsersRepository, sessions: SessionStore) {
  async function assertProjectsExist(ids: number[]) {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const found = await db.select({ id: projects.id }).from(projects).where(inArray(projects.id, unique));
    if (found.length !== unique.length) {
      throw validationFailed([fieldIssue('projectIds', 'ref.unknown_projects')]);
    }
  }

  return {
    async list(query: ListUsersQuery): Promise<{ items: User[]; total: number }> {
      const items = await repo.list(query);
      return { items, total: items.length };
    },

    async get(id: number): Promise<User> {
      const user = await repo.find(id);
      if (!user) throw notFound('User');
      return user;
    },

    async create(actor: AuthUser, input: CreateUserInput): Promise<User> {
      const passwordHash = await hashPassword(input.password);
      return await inTransaction(db, async () => {
        if (await repo.findByEmail(input.email)) {
          throw refused('CONFLICT', issue('user.email_taken'), { issues: [fieldIssue('email', 'user.email_taken')] });
        }
        await assertProjectsExist(input.projectIds);
        const id = await repo.insert({
          email: input.email,
          name: input.name,
          organisation: input.organisation,
          role: input.role,
          locale: input.locale,
          passwordHash,
        });
        await repo.setMemberships(id, [...new Set(input.projectIds)]);
        const user = await repo.find(id);
        if (!user) throw notFound('User');
        await writeAudit(db, { userId: actor.id, entity: 'user', entityId: id, projectId: null, action: 'create', after: user });
        return user;
      });
    },

    async update(actor: AuthUser, id: number, input: UpdateUserInput): Promise<User> {
      const user = await inTransaction(db, async () => {
        const before = await repo.find(id);
        if (!before) throw notFound('User');
        if (before.version !== input.version) throw versionConflict(before);
        if (actor.id === id && (input.disabled === true || (input.role && input.role !== 'admin'))) {
          throw refused('FORBIDDEN', issue('user.self_lockout'));
        }
        if (input.projectIds) await assertProjectsExist(input.projectIds);
        const { version, projectIds, disabled, ...fields } = input;
        const values: Parameters<UsersRepository['updateVersioned']>[2] = { ...fields };
        if (disabled !== undefined) values.disabledAt = disabled ? (before.disabled ? undefined : new Date().toISOString()) : null;
        if (!(await repo.updateVersioned(id, version, values))) throw versionConflict(await repo.find(id));
        if (projectIds) await repo.setMemberships(id, [...new Set(projectIds)]);
        const after = await repo.find(id);
        if (!after) throw notFound('User');
        await writeAudit(db, { userId: actor.id, entity: 'user', entityId: id, projectId: null, action: 'update', before, after });
        // A disabled user is signed out everywhere at once.
        if (after.disabled) await sessions.endAllFor(id);
        return after;
      });
      return user;
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
