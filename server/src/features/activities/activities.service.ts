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
import { notFound, validationFailed, versionConflict } from '../../http/app-error';
import type { AuthUser } from '../../http/session';
import { toActivityColumns, type ActivitiesRepository } from './activities.repository';

export function createActivitiesService(db: Db, repo: ActivitiesRepository) {
  /** Checks that the outcome and output belong to the project and to each other. */
  function placement(projectId: number, outcomeId: number, outputId: number | null) {
    const outcome = repo.outcomeRow(outcomeId);
    if (!outcome || outcome.projectId !== projectId) {
      throw validationFailed([fieldIssue('outcomeId', 'ref.not_project_outcome')]);
    }
    if (outputId !== null) {
      const output = repo.outputRow(outputId);
      if (!output || output.outcomeId !== outcomeId) {
        throw validationFailed([fieldIssue('outputId', 'ref.not_outcome_output')]);
      }
    }
  }

  function load(user: AuthUser, id: number, permission: 'project:read' | 'activity:edit'): Activity {
    return assertRecordAccess(db, user, repo.find(id), 'Activity', permission);
  }

  return {
    list(user: AuthUser, projectId: number, query: ListActivitiesQuery) {
      assertProjectAccess(db, user, projectId, 'project:read');
      const items = repo.list(projectId, query);
      return { items, total: items.length };
    },

    get(user: AuthUser, id: number): Activity {
      return load(user, id, 'project:read');
    },

    create(user: AuthUser, projectId: number, input: CreateActivityInput): Activity {
      return inTransaction(db, () => {
        assertProjectAccess(db, user, projectId, 'activity:edit');
        placement(projectId, input.outcomeId, input.outputId);
        const id = repo.insert({
          ...(toActivityColumns(input) as Required<ReturnType<typeof toActivityColumns>>),
          projectId,
          position: repo.nextPosition(input.outcomeId),
        });
        const activity = repo.find(id);
        if (!activity) throw notFound('Activity');
        writeAudit(db, { userId: user.id, entity: 'activity', entityId: id, projectId, action: 'create', after: activity });
        return activity;
      });
    },

    update(user: AuthUser, id: number, input: UpdateActivityInput): Activity {
      return inTransaction(db, () => {
        const before = load(user, id, 'activity:edit');
        if (before.version !== input.version) throw versionConflict(before);
        if (input.participants !== undefined && repo.hasAttendance(id)) throw participantsFromAttendance();
        const { version, position, note, ...changes } = input;

        // Placement: an output implies its outcome; a new outcome drops the old output.
        let outcomeId = changes.outcomeId ?? before.outcomeId;
        let outputId = changes.outputId !== undefined ? changes.outputId : before.outputId;
        if (changes.outputId && changes.outcomeId === undefined) {
          outcomeId = repo.outputRow(changes.outputId)?.outcomeId ?? outcomeId;
        }
        if (changes.outcomeId !== undefined && changes.outcomeId !== before.outcomeId && changes.outputId === undefined) {
          outputId = null;
        }
        placement(before.projectId, outcomeId, outputId);

        const merged = { ...before, ...changes, outcomeId, outputId };
        const issues = activityDateIssues(merged);
        if (issues.length) throw validationFailed(issues);

        const moved = outcomeId !== before.outcomeId;
        const columns = toActivityColumns({ ...changes, outcomeId, outputId });
        if (moved) columns.position = repo.nextPosition(outcomeId);
        if (!repo.updateVersioned(id, version, columns)) throw versionConflict(repo.find(id));
        if (moved) {
          for (const p of reorder(repo.siblings(before.outcomeId), -1, 0)) repo.setPosition(p.id, p.position);
        }
        if (position !== undefined) {
          for (const p of reorder(repo.siblings(outcomeId), id, position)) repo.setPosition(p.id, p.position);
        }
        const after = repo.find(id);
        if (!after) throw notFound('Activity');
        writeAudit(db, {
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

    delete(user: AuthUser, id: number, version: number): void {
      inTransaction(db, () => {
        const before = load(user, id, 'activity:edit');
        if (before.version !== version) throw versionConflict(before);
        repo.delete(id);
        for (const p of reorder(repo.siblings(before.outcomeId), -1, 0)) repo.setPosition(p.id, p.position);
        writeAudit(db, { userId: user.id, entity: 'activity', entityId: id, projectId: before.projectId, action: 'delete', before });
      });
    },

    history(user: AuthUser, id: number) {
      load(user, id, 'project:read');
      return repo.history(id);
    },
  };
}
export type ActivitiesService = ReturnType<typeof createActivitiesService>;
