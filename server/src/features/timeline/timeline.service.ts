import { clampSpan, isDateInRange } from '@shared/bounds';
import { projectSpan, scheduleFlag } from '@shared/calc/activity-progress';
import { todayIso } from '@shared/calc/dates';
import { reportedParticipants, rolledUpParticipants, type AttendanceTally } from '@shared/calc/participants';
import { findCycle, finishSlippageDays, isDependencyBroken, milestoneStatus, startSlippageDays, widenSpan } from '@shared/calc/timeline';
import type { ActivityStatus } from '@shared/enums';
import { fieldIssue, issue } from '@shared/issues';
import type { Participants } from '@shared/schemas/activity';
import { isIsoDate } from '@shared/schemas/common';
import type {
  CheckDependenciesQuery,
  CreateDependencyInput,
  Dependency,
  DependencyCheck,
  DependencyList,
  Milestone,
  SubEvent,
  Timeline,
  TimelineActivity,
  TimelineGroup,
} from '@shared/schemas/timeline';
import { attendanceByActivity, attendanceBySubEvent } from '../../core/attendance-tally';
import { writeAudit } from '../../core/audit';
import { enteredParticipants } from '../../core/participant-columns';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import type { activities as activitiesTable, milestones as milestonesTable, subEvents as subEventsTable } from '../../db/schema';
import { notFound, refused, validationFailed } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import type { DependencyRow, TimelineRepository } from './timeline.repository';
import { outcomeCode, outputCode } from '@shared/calc/outline-codes';

type Dated = { plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null };
type ActivityRow = typeof activitiesTable.$inferSelect;
type MilestoneRow = typeof milestonesTable.$inferSelect;
type SubEventRow = typeof subEventsTable.$inferSelect;

function toDependency(row: DependencyRow, dates: Map<number, Dated>): Dependency {
  const from = dates.get(row.predecessorId);
  const to = dates.get(row.successorId);
  return {
    id: row.id,
    projectId: row.projectId,
    from: row.predecessorId,
    to: row.successorId,
    type: 'finish_to_start',
    broken: !!from && !!to && isDependencyBroken(from, to),
  };
}

function milestoneOf(row: MilestoneRow, today: string): Milestone {
  return { ...row, status: milestoneStatus(row, today) };
}

function toSubEvent(row: SubEventRow, tally: AttendanceTally | undefined): SubEvent {
  const {
    participantsWomen: _w,
    participantsMen: _m,
    participantsGovernment: _g,
    participantsDiaspora: _d,
    participantsCivilSociety: _c,
    participantsInternational: _i,
    ...rest
  } = row;
  return { ...rest, ...reportedParticipants(enteredParticipants(row), tally) };
}

export function createTimelineService(db: Db, repo: TimelineRepository) {
  /** Both ends of a new dependency must be activities of the project: 400 otherwise. */
  async function endOf(projectId: number, activityId: number, path: 'from' | 'to') {
    const row = await repo.activityDates(activityId);
    if (!row || row.projectId !== projectId) throw validationFailed([fieldIssue(path, 'ref.not_project_activity')]);
    return row;
  }

  return {
    async timeline(user: AuthUser, projectId: number): Promise<Timeline> {
      await assertProjectAccess(db, user, projectId, 'project:read');
      const project = await repo.project(projectId);
      if (!project) throw notFound('Project');
      const today = todayIso();

      const activityRows = await repo.activities(projectId);
      const milestoneRows = await repo.milestones(projectId);
      const subEventRows = await repo.subEvents(projectId);
      const milestonesByActivity = new Map<number, Milestone[]>();
      const projectMilestones: Milestone[] = [];
      for (const m of milestoneRows) {
        const view = milestoneOf(m, today);
        if (m.activityId === null) projectMilestones.push(view);
        else milestonesByActivity.set(m.activityId, [...(milestonesByActivity.get(m.activityId) ?? []), view]);
      }
      // Attendance counts for every activity and every event: two grouped queries for the whole chart.
      const activityTallies = await attendanceByActivity(db, { projectId });
      const subEventTallies = subEventRows.length ? await attendanceBySubEvent(db, { projectId }) : new Map<number, AttendanceTally>();
      const subEventsByActivity = new Map<number, SubEvent[]>();
      const enteredByActivity = new Map<number, { participants: Participants }[]>();
      for (const s of subEventRows) {
        subEventsByActivity.set(s.activityId, [...(subEventsByActivity.get(s.activityId) ?? []), toSubEvent(s, subEventTallies.get(s.id))]);
        enteredByActivity.set(s.activityId, [...(enteredByActivity.get(s.activityId) ?? []), { participants: enteredParticipants(s) }]);
      }

      const toRow = (a: ActivityRow): TimelineActivity => {
        const subEvents = subEventsByActivity.get(a.id) ?? [];
        const rolled = rolledUpParticipants(enteredParticipants(a), enteredByActivity.get(a.id) ?? [], activityTallies.get(a.id));
        const scheduled = { ...a, status: a.status as ActivityStatus };
        return {
          id: a.id,
          outcomeId: a.outcomeId,
          outputId: a.outputId,
          kind: a.kind as TimelineActivity['kind'],
          title: a.title,
          status: scheduled.status,
          plannedStart: a.plannedStart,
          plannedEnd: a.plannedEnd,
          actualStart: a.actualStart,
          actualEnd: a.actualEnd,
          percentComplete: a.percentComplete,
          flag: scheduleFlag(scheduled, today),
          startSlippageDays: startSlippageDays(scheduled, today),
          finishSlippageDays: finishSlippageDays(scheduled, today),
          ...rolled,
          illustrative: a.illustrative,
          version: a.version,
          milestones: milestonesByActivity.get(a.id) ?? [],
          subEvents,
        };
      };

      const outputRows = await repo.outputs(projectId);
      const groups: TimelineGroup[] = (await repo.outcomes(projectId)).map((o, i) => {
        const code = outcomeCode(i);
        const mine = activityRows.filter((a) => a.outcomeId === o.id);
        return {
          outcome: { id: o.id, code, title: o.title },
          outputs: outputRows
            .filter((x) => x.outcomeId === o.id)
            .map((x, j) => ({
              output: { id: x.id, code: outputCode(code, j), title: x.title },
              activities: mine.filter((a) => a.outputId === x.id).map(toRow),
            })),
          activities: mine.filter((a) => a.outputId === null).map(toRow),
        };
      });

      const dates = new Map<number, Dated>(activityRows.map((a) => [a.id, a]));
      // The span takes in every date the app would accept today. A stored date outside
      // [MIN_DATE, MAX_DATE] (from before dates were bounded) stays on its record, but does
      // not stretch the axis over thousands of years: the chart cuts its bar at the edge.
      const span = widenSpan(
        clampSpan(projectSpan(project)),
        [
          ...activityRows.flatMap((a) => [a.plannedStart, a.plannedEnd, a.actualStart, a.actualEnd]),
          ...milestoneRows.flatMap((m) => [m.dueDate, m.doneDate]),
          ...subEventRows.flatMap((s) => [s.date, s.endDate]),
        ].filter((d): d is string => d !== null && isIsoDate(d) && isDateInRange(d)),
      );
      return {
        projectId,
        today,
        span,
        groups,
        dependencies: (await repo.dependencies(projectId)).map((d) => toDependency(d, dates)),
        milestones: projectMilestones,
      };
    },

    async listDependencies(user: AuthUser, projectId: number): Promise<DependencyList> {
      await assertProjectAccess(db, user, projectId, 'project:read');
      const dates = new Map<number, Dated>((await repo.activities(projectId)).map((a) => [a.id, a]));
      const items = (await repo.dependencies(projectId)).map((d) => toDependency(d, dates));
      return { items, total: items.length, broken: items.filter((d) => d.broken).length };
    },

    async createDependency(user: AuthUser, projectId: number, input: CreateDependencyInput): Promise<Dependency> {
      return await inTransaction(db, async () => {
        await assertProjectAccess(db, user, projectId, 'activity:edit');
        const from = await endOf(projectId, input.from, 'from');
        const to = await endOf(projectId, input.to, 'to');
        if (await repo.dependencyExists(input.from, input.to)) {
          throw refused('CONFLICT', issue('dependency.exists'));
        }
        const edges = (await repo.dependencies(projectId)).map((d) => ({ from: d.predecessorId, to: d.successorId }));
        const cycle = findCycle(edges, input.from, input.to);
        if (cycle) {
          const closes = issue('dependency.cycle', { cycle: cycle.join(' → ') });
          throw refused('VALIDATION_FAILED', closes, { issues: [{ path: 'to', ...closes }], cycle });
        }
        const id = await repo.insertDependency({ projectId, predecessorId: input.from, successorId: input.to });
        const row = await repo.findDependency(id);
        if (!row) throw notFound('Dependency');
        const dependency = toDependency(
          row,
          new Map([
            [from.id, from],
            [to.id, to],
          ]),
        );
        await writeAudit(db, { userId: user.id, entity: 'activity_dependency', entityId: id, projectId, action: 'create', after: dependency });
        return dependency;
      });
    },

    async deleteDependency(user: AuthUser, id: number): Promise<void> {
      await inTransaction(db, async () => {
        const row = await assertRecordAccess(db, user, await repo.findDependency(id), 'Dependency', 'activity:edit');
        await repo.deleteDependency(id);
        await writeAudit(db, {
          userId: user.id,
          entity: 'activity_dependency',
          entityId: id,
          projectId: row.projectId,
          action: 'delete',
          before: { id, from: row.predecessorId, to: row.successorId },
        });
      });
    },

    /**
     * The dependencies into and out of an activity, judged on its stored dates or on the
     * proposed ones (the client asks before or after a PATCH /activities/:id date change).
     */
    async checkActivity(user: AuthUser, activityId: number, proposed: CheckDependenciesQuery): Promise<DependencyCheck> {
      const activity = await assertRecordAccess(db, user, await repo.activityDates(activityId), 'Activity', 'project:read');
      const rows = await repo.dependenciesOf(activityId);
      const dates = new Map<number, Dated>((await repo.activities(activity.projectId)).map((a) => [a.id, a]));
      dates.set(activityId, { ...activity, ...proposed });
      const items = rows.map((d) => toDependency(d, dates));
      return { activityId, items, broken: items.filter((d) => d.broken) };
    },
  };
}
export type TimelineService = ReturnType<typeof createTimelineService>;
