import { todayIso } from '@shared/calc/dates';
import { rolledUpParticipants } from '@shared/calc/participants';
import { fieldIssue } from '@shared/issues';
import {
  subEventDateIssues,
  type CreateMilestoneInput,
  type CreateSubEventInput,
  type ListMilestonesQuery,
  type Milestone,
  type MilestoneList,
  type SubEvent,
  type SubEventList,
  type UpdateMilestoneInput,
  type UpdateSubEventInput,
} from '@shared/schemas/timeline';
import { participantsFromAttendance } from '../../core/attendance-tally';
import { writeAudit } from '../../core/audit';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { validationFailed, versionConflict } from '../../http/app-error';
import type { AuthUser } from '../../http/session';
import { toMilestone, toSubEventColumns, type MilestonesRepository } from './milestones.repository';

type Permission = 'project:read' | 'activity:edit';

/** Milestones, deliverables and sub-events are planning data: they are edited with activity:edit. */
export function createMilestonesService(db: Db, repo: MilestonesRepository) {
  /** An activity of the project, or 400 on the field that named it. */
  function activityOfProject(projectId: number, activityId: number, path = 'activityId') {
    const activity = repo.activity(activityId);
    if (!activity || activity.projectId !== projectId) {
      throw validationFailed([fieldIssue(path, 'ref.not_project_activity')]);
    }
    return activity;
  }

  function loadMilestone(user: AuthUser, id: number, permission: Permission): Milestone {
    const row = assertRecordAccess(db, user, repo.findMilestone(id), 'Milestone', permission);
    return toMilestone(row, todayIso());
  }

  function loadActivity(user: AuthUser, activityId: number, permission: Permission) {
    const activity = assertRecordAccess(db, user, repo.activity(activityId), 'Activity', permission);
    return activity;
  }

  function loadSubEvent(user: AuthUser, id: number, permission: Permission): SubEvent {
    const event = assertRecordAccess(db, user, repo.findSubEvent(id), 'Sub-event', permission);
    return event;
  }

  const audit = (user: AuthUser, entity: string, entityId: number, projectId: number, action: 'create' | 'update' | 'delete', before: unknown, after: unknown) =>
    writeAudit(db, { userId: user.id, entity, entityId, projectId, action, before, after });

  return {
    listMilestones(user: AuthUser, projectId: number, query: ListMilestonesQuery): MilestoneList {
      assertProjectAccess(db, user, projectId, 'project:read');
      const today = todayIso();
      const items = repo
        .listMilestones(projectId, query.activityId)
        .map((r) => toMilestone(r, today))
        .filter((m) => !query.status || m.status === query.status);
      return { items, total: items.length };
    },

    createMilestone(user: AuthUser, projectId: number, input: CreateMilestoneInput): Milestone {
      return inTransaction(db, () => {
        assertProjectAccess(db, user, projectId, 'activity:edit');
        if (input.activityId !== null) activityOfProject(projectId, input.activityId);
        const id = repo.insertMilestone({ ...input, projectId });
        const milestone = loadMilestone(user, id, 'activity:edit');
        audit(user, 'milestone', id, projectId, 'create', null, milestone);
        return milestone;
      });
    },

    updateMilestone(user: AuthUser, id: number, input: UpdateMilestoneInput): Milestone {
      return inTransaction(db, () => {
        const before = loadMilestone(user, id, 'activity:edit');
        if (before.version !== input.version) throw versionConflict(before);
        const { version, ...changes } = input;
        if (changes.activityId != null) activityOfProject(before.projectId, changes.activityId);
        if (!repo.updateMilestoneVersioned(id, version, changes)) throw versionConflict(loadMilestone(user, id, 'activity:edit'));
        const after = loadMilestone(user, id, 'activity:edit');
        audit(user, 'milestone', id, before.projectId, 'update', before, after);
        return after;
      });
    },

    deleteMilestone(user: AuthUser, id: number, version: number): void {
      inTransaction(db, () => {
        const before = loadMilestone(user, id, 'activity:edit');
        if (before.version !== version) throw versionConflict(before);
        repo.deleteMilestone(id);
        audit(user, 'milestone', id, before.projectId, 'delete', before, null);
      });
    },

    listSubEvents(user: AuthUser, activityId: number): SubEventList {
      const activity = loadActivity(user, activityId, 'project:read');
      const { items, entered } = repo.listSubEvents(activityId);
      const rolled = rolledUpParticipants(activity.participants, entered.map((participants) => ({ participants })), repo.activityTally(activityId));
      return { items, total: items.length, ...rolled };
    },

    createSubEvent(user: AuthUser, activityId: number, input: CreateSubEventInput): SubEvent {
      return inTransaction(db, () => {
        const activity = loadActivity(user, activityId, 'activity:edit');
        const id = repo.insertSubEvent({
          ...(toSubEventColumns(input) as Required<ReturnType<typeof toSubEventColumns>>),
          projectId: activity.projectId,
          activityId,
        });
        const event = loadSubEvent(user, id, 'activity:edit');
        audit(user, 'sub_event', id, activity.projectId, 'create', null, event);
        return event;
      });
    },

    updateSubEvent(user: AuthUser, id: number, input: UpdateSubEventInput): SubEvent {
      return inTransaction(db, () => {
        const before = loadSubEvent(user, id, 'activity:edit');
        if (before.version !== input.version) throw versionConflict(before);
        if (input.participants !== undefined && repo.subEventHasAttendance(id)) throw participantsFromAttendance();
        const { version, ...changes } = input;
        const issues = subEventDateIssues({ ...before, ...changes });
        if (issues.length) throw validationFailed(issues);
        if (!repo.updateSubEventVersioned(id, version, toSubEventColumns(changes))) {
          throw versionConflict(repo.findSubEvent(id));
        }
        const after = loadSubEvent(user, id, 'activity:edit');
        audit(user, 'sub_event', id, before.projectId, 'update', before, after);
        return after;
      });
    },

    deleteSubEvent(user: AuthUser, id: number, version: number): void {
      inTransaction(db, () => {
        const before = loadSubEvent(user, id, 'activity:edit');
        if (before.version !== version) throw versionConflict(before);
        repo.deleteSubEvent(id);
        audit(user, 'sub_event', id, before.projectId, 'delete', before, null);
      });
    },
  };
}
export type MilestonesService = ReturnType<typeof createMilestonesService>;
