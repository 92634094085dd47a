import { fieldIssue } from '@shared/issues';
import {
  activityDateIssues,
  type Activity,
  type CreateActivityInput,
  type ListActivitiesQuery,
  type UpdateActivityInput,
} from '@shared/schemas/activity';
import { participantsFromAttendance } from '../../core/attendance-tally';
import { writeAudit } from '../../core/audit';
import { reorder } from '../../core/ordering';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { notFound, validationFailed, versionConflict } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import { toActivityColumns, type ActivitiesRepository } from './activities.repository';

export function createActivitiesService(db: Db, repo: ActivitiesRepository) {
  /** Checks that the outcome and output belong to the project and to each other. */
  async function placement(projectId: number, outcomeId: number, outputId: number | null) {
    const outcome = await repo.outcomeRow(outcomeId);
    if (!outcome || outcome.projectId !== projectId) {
      throw validationFailed([fieldIssue('outcomeId', 'ref.not_project_outcome')]);
    }
    if (outputId !== null) {
      const output = await repo.outputRow(outputId);
      if (!output || output.outcomeId !== outcomeId) {
        throw validationFailed([fieldIssue('outputId', 'ref.not_outcome_output')]);
      }
    }
  }

  async function load(user: AuthUser, id: number, permission: 'project:read' | 'activity:edit'): Promise<Activity> {
    const activity = await assertRecordAccess(db, user, await repo.find(id), 'Activity', permission);
    return activity;
  }

  return {
    async list(user: AuthUser, projectId: number, query: ListActivitiesQuery) {
      await assertProjectAccess(db, user, projectId, 'project:read');
      const items = await repo.list(projectId, query);
      return { items, total: items.length };
    },

    async get(user: AuthUser, id: number): Promise<Activity> {
      return await load(user, id, 'project:read');
    },

    async create(user: AuthUser, projectId: number, input: CreateActivityInput): Promise<Activity> {
      return await inTransaction(db, async () => {
        await assertProjectAccess(db, user, projectId, 'activity:edit');
        await placement(projectId, input.outcomeId, input.outputId);
        const id = await repo.insert({
          ...(toActivityColumns(input) as Required<ReturnType<typeof toActivityColumns>>),
          projectId,
          position: await repo.nextPosition(input.outcomeId),
        });
        const activity = await repo.find(id);
        if (!activity) throw notFound('Activity');
        await writeAudit(db, { userId: user.id, entity: 'activity', entityId: id, projectId, action: 'create', after: activity });
        return activity;
      });
    },

    async update(user: AuthUser, id: number, input: UpdateActivityInput): Promise<Activity> {
      return await inTransaction(db, async () => {
        const before = await load(user, id, 'activity:edit');
        if (before.version !== input.version) throw versionConflict(before);
        if (input.participants !== undefined && (await repo.hasAttendance(id))) throw participantsFromAttendance();
        const { version, position, note, ...changes } = input;

        // Placement: an output implies its outcome; a new outcome drops the old output.
        let outcomeId = changes.outcomeId ?? before.outcomeId;
        let outputId = changes.outputId !== undefined ? changes.outputId : before.outputId;
        if (changes.outputId && changes.outcomeId === undefined) {
          outcomeId = (await repo.outputRow(changes.outputId))?.outcomeId ?? outcomeId;
        }
        if (changes.outcomeId !== undefined && changes.outcomeId !== before.outcomeId && changes.outputId === undefined) {
          outputId = null;
        }
        await placement(before.projectId, outcomeId, outputId);

        const merged = { ...before, ...changes, outcomeId, outputId };
        const issues = activityDateIssues(merged);
        if (issues.length) throw validationFailed(issues);

        const moved = outcomeId !== before.outcomeId;
        const columns = toActivityColumns({ ...changes, outcomeId, outputId });
        if (moved) columns.position = await repo.nextPosition(outcomeId);
        if (!(await repo.updateVersioned(id, version, columns))) throw versionConflict(await repo.find(id));
        if (moved) {
          for (const p of reorder(await repo.siblings(before.outcomeId), -1, 0)) await repo.setPosition(p.id, p.position);
        }
        if (position !== undefined) {
          for (const p of reorder(await repo.siblings(outcomeId), id, position)) await repo.setPosition(p.id, p.position);
        }
        const after = await repo.find(id);
        if (!after) throw notFound('Activity');
        await writeAudit(db, {
          userId: user.id,
          entity: 'activity',
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

    async delete(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const before = await load(user, id, 'activity:edit');
        if (before.version !== version) throw versionConflict(before);
        await repo.delete(id);
        for (const p of reorder(await repo.siblings(before.outcomeId), -1, 0)) await repo.setPosition(p.id, p.position);
        await writeAudit(db, { userId: user.id, entity: 'activity', entityId: id, projectId: before.projectId, action: 'delete', before });
      });
    },

    async history(user: AuthUser, id: number) {
      await load(user, id, 'project:read');
      return await repo.history(id);
    },
  };
}
export type ActivitiesService = ReturnType<typeof createActivitiesService>;
