import { fieldIssue, issue } from '@shared/issues';
import { toMinorUnits } from '@shared/money';
import { projectSpanIssues, type CreateProjectInput, type ListProjectsQuery, type Project, type UpdateProjectInput } from '@shared/schemas/project';
import { writeAudit } from '../../core/audit';
import { assertProjectAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import type { projects } from '../../db/schema';
import { AppError, notFound, refused, validationFailed, versionConflict } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import type { ProjectsRepository } from './projects.repository';

function codeTaken(): AppError {
  return refused('CONFLICT', issue('project.code_taken'), { issues: [fieldIssue('code', 'project.code_taken')] });
}

function storedFields(input: Partial<CreateProjectInput>): Partial<typeof projects.$inferInsert> {
  const { budget, memberStates: _memberStates, ...rest } = input;
  const values: Partial<typeof projects.$inferInsert> = { ...rest };
  if (budget) {
    values.budgetMinor = toMinorUnits(budget.amount, budget.currency) ?? 0;
    values.currency = budget.currency;
  }
  return values;
}

export function createProjectsService(db: Db, repo: ProjectsRepository) {
  return {
    list(user: AuthUser, query: ListProjectsQuery) {
      return repo.list(user, query);
    },

    async get(user: AuthUser, id: number): Promise<Project> {
      await assertProjectAccess(db, user, id, 'project:read');
      const project = await repo.find(id);
      if (!project) throw notFound('Project');
      return project;
    },

    create(user: AuthUser, input: CreateProjectInput): Promise<Project> {
      return inTransaction(db, async () => {
        if (await repo.codeTaken(input.code)) throw codeTaken();
        const id = await repo.insert(storedFields(input) as typeof projects.$inferInsert, input.memberStates);
        // Whoever creates a project manages it.
        if (user.role !== 'admin') await repo.addMember(id, user.id);
        const project = await repo.find(id);
        if (!project) throw notFound('Project');
        await writeAudit(db, { userId: user.id, entity: 'project', entityId: id, projectId: id, action: 'create', after: project });
        return project;
      });
    },

    update(user: AuthUser, id: number, input: UpdateProjectInput): Promise<Project> {
      return inTransaction(db, async () => {
        await assertProjectAccess(db, user, id, 'project:update');
        const before = await repo.find(id);
        if (!before) throw notFound('Project');
        if (before.version !== input.version) throw versionConflict(before);
        const { version, ...changes } = input;
        const merged = { ...before, ...changes };
        const issues = projectSpanIssues(merged);
        if (issues.length) throw validationFailed(issues);
        if (changes.code && (await repo.codeTaken(changes.code, id))) throw codeTaken();
        if (changes.budget && changes.budget.currency !== before.budget.currency && (await repo.hasMoneyRecords(id))) {
          // Lines and ledger entries are kept in the project currency; changing it would mix currencies.
          throw refused('CONFLICT', issue('project.currency_fixed'), { issues: [fieldIssue('budget.currency', 'project.currency_fixed')] });
        }
        if (!(await repo.updateVersioned(id, version, storedFields(changes)))) throw versionConflict(await repo.find(id));
        if (changes.memberStates) await repo.setCountries(id, changes.memberStates);
        const after = await repo.find(id);
        if (!after) throw notFound('Project');
        await writeAudit(db, { userId: user.id, entity: 'project', entityId: id, projectId: id, action: 'update', before, after });
        return after;
      });
    },
  };
}
export type ProjectsService = ReturnType<typeof createProjectsService>;
