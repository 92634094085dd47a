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
import { validationFailed, versionConflict } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import { toMilestone, toSubEventColumns, type MilestonesRepository } from './milestones.repository';

type Permission = 'project:read' | 'activity:edit';

/** Milestones, deliverables and sub-events are planning data: they are edited with activity:edit. */
export function createMilestonesService(db: Db, repo: MilestonesRepository) {
  /** An activity of the project, or 400 on the field that named it. */
  async function activityOfProject(projectId: number, activityId: number, path = 'activityId') {
    const activity = await repo.activity(activityId);
    if (!activity || activity.projectId !== projectId) {
      throw validationFailed([fieldIssue(path, 'ref.not_project_activity')]);
    }
    return activity;
  }

  async function loadMilestone(user: AuthUser, id: number, permission: Permission): Promise<Milestone> {
    const row = await assertRecordAccess(db, user, await repo.findMilestone(id), 'Milestone', permission);
    return toMilestone(row, todayIso());
  }

  async function loadActivity(user: AuthUser, activityId: number, permission: Permission) {
    const activity = await assertRecordAccess(db, user, await repo.activity(activityId), 'Activity', permission);
    return activity;
  }

  async function loadSubEvent(user: AuthUser, id: number, permission: Permission): Promise<SubEvent> {
    const event = await assertRecordAccess(db, user, await repo.findSubEvent(id), 'Sub-event', permission);
    return event;
  }

  const audit = async (
    user: AuthUser,
    entity: string,
    entityId: number,
    projectId: number,
    action: 'create' | 'update' | 'delete',
    before: unknown,
    after: unknown,
  ) => await writeAudit(db, { userId: user.id, entity, entityId, projectId, action, before, after });

  return {
    async listMilestones(user: AuthUser, projectId: number, query: ListMilestonesQuery): Promise<MilestoneList> {
      await assertProjectAccess(db, user, projectId, 'project:read');
      const today = todayIso();
      const items = (await repo.listMilestones(projectId, query.activityId))
        .map((r) => toMilestone(r, today))
        .filter((m) => !query.status || m.status === query.status);
      return { items, total: items.length };
    },

    async createMilestone(user: AuthUser, projectId: number, input: CreateMilestoneInput): Promise<Milestone> {
      return await inTransaction(db, async () => {
        await assertProjectAccess(db, user, projectId, 'activity:edit');
        if (input.activityId !== null) await activityOfProject(projectId, input.activityId);
        const id = await repo.insertMilestone({ ...input, projectId });
        const milestone = await loadMilestone(user, id, 'activity:edit');
        await audit(user, 'milestone', id, projectId, 'create', null, milestone);
        return milestone;
      });
    },

    async updateMilestone(user: AuthUser, id: number, input: UpdateMilestoneInput): Promise<Milestone> {
      return await inTransaction(db, async () => {
        const before = await loadMilestone(user, id, 'activity:edit');
        if (before.version !== input.version) throw versionConflict(before);
        const { version, ...changes } = input;
        if (changes.activityId != null) await activityOfProject(before.projectId, changes.activityId);
        if (!(await repo.updateMilestoneVersioned(id, version, changes))) throw versionConflict(await loadMilestone(user, id, 'activity:edit'));
        const after = await loadMilestone(user, id, 'activity:edit');
        await audit(user, 'milestone', id, before.projectId, 'update', before, after);
        return after;
      });
    },

    async deleteMilestone(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const before = await loadMilestone(user, id, 'activity:edit');
        if (before.version !== version) throw versionConflict(before);
        await repo.deleteMilestone(id);
        await audit(user, 'milestone', id, before.projectId, 'delete', before, null);
      });
    },

    async listSubEvents(user: AuthUser, activityId: number): Promise<SubEventList> {
      const activity = await loadActivity(user, activityId, 'project:read');
      const { items, entered } = await repo.listSubEvents(activityId);
      const rolled = rolledUpParticipants(
        activity.participants,
        entered.map((participants) => ({ participants })),
        await repo.activityTally(activityId),
      );
      return { items, total: items.length, ...rolled };
    },

    async createSubEvent(user: AuthUser, activityId: number, input: CreateSubEventInput): Promise<SubEvent> {
      return await inTransaction(db, async () => {
        const activity = await loadActivity(user, activityId, 'activity:edit');
        const id = await repo.insertSubEvent({
          ...(toSubEventColumns(input) as Required<ReturnType<typeof toSubEventColumns>>),
          projectId: activity.projectId,
          activityId,
        });
        const event = await loadSubEvent(user, id, 'activity:edit');
        await audit(user, 'sub_event', id, activity.projectId, 'create', null, event);
        return event;
      });
    },

    async updateSubEvent(user: AuthUser, id: number, input: UpdateSubEventInput): Promise<SubEvent> {
      return await inTransaction(db, async () => {
        const before = await loadSubEvent(user, id, 'activity:edit');
        if (before.version !== input.version) throw versionConflict(before);
        if (input.participants !== undefined && (await repo.subEventHasAttendance(id))) throw participantsFromAttendance();
        const { version, ...changes } = input;
        const issues = subEventDateIssues({ ...before, ...changes });
        if (issues.length) throw validationFailed(issues);
        if (!(await repo.updateSubEventVersioned(id, version, toSubEventColumns(changes)))) {
          throw versionConflict(await repo.findSubEvent(id));
        }
        const after = await loadSubEvent(user, id, 'activity:edit');
        await audit(user, 'sub_event', id, before.projectId, 'update', before, after);
        return after;
      });
    },

    async deleteSubEvent(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const before = await loadSubEvent(user, id, 'activity:edit');
        if (before.version !== version) throw versionConflict(before);
        await repo.deleteSubEvent(id);
        await audit(user, 'sub_event', id, before.projectId, 'delete', before, null);
      });
    },
  };
}
export type MilestonesService = ReturnType<typeof createMilestonesService>;
