import { rollUpRag } from '@shared/calc/indicator-progress';
import { fieldIssue, issue } from '@shared/issues';
import type { IndicatorSummary } from '@shared/schemas/indicator-summary';
import type { CreateOutcomeInput, CreateOutputInput, Outcome, Output, Results, UpdateOutcomeInput, UpdateOutputInput } from '@shared/schemas/results';
import { writeAudit } from '../../core/audit';
import { reorder } from '../../core/ordering';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { AppError, notFound, refused, validationFailed, versionConflict } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import type { ResultsRepository } from './results.repository';

function hasDependents(what: 'outcome' | 'output', n: number): AppError {
  return refused('HAS_DEPENDENTS', issue(what === 'outcome' ? 'framework.outcome_has_activities' : 'framework.output_has_activities', { count: n }), {
    activities: n,
  });
}

function hasIndicators(what: 'outcome' | 'output', n: number): AppError {
  return refused('HAS_DEPENDENTS', issue(what === 'outcome' ? 'framework.outcome_has_indicators' : 'framework.output_has_indicators', { count: n }), {
    indicators: n,
  });
}

/**
 * The indicators of a project's framework with their progress, as the user may see
 * them, by parent. The indicators feature provides it (wired in app.ts).
 */
export type FrameworkIndicators = (
  user: AuthUser,
  projectId: number,
) => Promise<{ goal: IndicatorSummary[]; outcomes: Map<number, IndicatorSummary[]>; outputs: Map<number, IndicatorSummary[]> }>;

export function createResultsService(db: Db, repo: ResultsRepository, frameworkIndicators: FrameworkIndicators) {
  /** Loads an outcome and checks the user may act on its project (404 when not visible). */
  async function outcomeFor(user: AuthUser, id: number) {
    const row = await assertRecordAccess(db, user, await repo.findOutcomeRow(id), 'Outcome', 'results:edit');
    return row;
  }

  async function outputFor(user: AuthUser, id: number) {
    const row = await assertRecordAccess(db, user, await repo.findOutputRow(id), 'Output', 'results:edit');
    return row;
  }

  const audit = (
    user: AuthUser,
    entity: string,
    entityId: number,
    projectId: number,
    action: 'create' | 'update' | 'delete',
    before: unknown,
    after: unknown,
  ) => writeAudit(db, { userId: user.id, entity, entityId, projectId, action, before, after });

  return {
    async get(user: AuthUser, projectId: number): Promise<Results> {
      await assertProjectAccess(db, user, projectId, 'project:read');
      const indicators = await frameworkIndicators(user, projectId);
      return {
        projectId,
        goal: await repo.goalOf(projectId),
        goalIndicators: indicators.goal,
        outcomes: (await repo.tree(projectId)).map((o) => {
          const own = indicators.outcomes.get(o.id) ?? [];
          const outputs = o.outputs.map((x) => ({ ...x, indicators: indicators.outputs.get(x.id) ?? [] }));
          // An outcome's status counts its outputs' indicators too: they are how it is delivered.
          const { rag, counts } = rollUpRag([...own, ...outputs.flatMap((x) => x.indicators)].map((i) => i.rag));
          return { ...o, indicators: own, rag, ragCounts: counts, outputs };
        }),
      };
    },

    createOutcome(user: AuthUser, projectId: number, input: CreateOutcomeInput): Promise<Outcome> {
      return inTransaction(db, async () => {
        await assertProjectAccess(db, user, projectId, 'results:edit');
        const id = await repo.insertOutcome({ projectId, ...input, position: await repo.nextOutcomePosition(projectId) });
        const outcome = await repo.outcome(id);
        if (!outcome) throw notFound('Outcome');
        await audit(user, 'outcome', id, projectId, 'create', null, outcome);
        return outcome;
      });
    },

    updateOutcome(user: AuthUser, id: number, input: UpdateOutcomeInput): Promise<Outcome> {
      return inTransaction(db, async () => {
        const row = await outcomeFor(user, id);
        const before = await repo.outcome(id);
        if (row.version !== input.version) throw versionConflict(before);
        const { version, position, ...fields } = input;
        if (!(await repo.updateOutcomeVersioned(id, version, fields))) throw versionConflict(await repo.outcome(id));
        if (position !== undefined) {
          for (const p of reorder(await repo.outcomesOf(row.projectId), id, position)) await repo.setOutcomePosition(p.id, p.position);
        }
        const after = await repo.outcome(id);
        if (!after) throw notFound('Outcome');
        await audit(user, 'outcome', id, row.projectId, 'update', before, after);
        return after;
      });
    },

    async deleteOutcome(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const row = await outcomeFor(user, id);
        const before = await repo.outcome(id);
        if (row.version !== version) throw versionConflict(before);
        const n = await repo.activityCount({ outcomeId: id });
        if (n > 0) throw hasDependents('outcome', n);
        const m = await repo.indicatorCount({ outcomeId: id });
        if (m > 0) throw hasIndicators('outcome', m);
        await repo.deleteOutputsOf(id);
        await repo.deleteOutcome(id);
        for (const p of reorder(await repo.outcomesOf(row.projectId), -1, 0)) await repo.setOutcomePosition(p.id, p.position);
        await audit(user, 'outcome', id, row.projectId, 'delete', before, null);
      });
    },

    createOutput(user: AuthUser, outcomeId: number, input: CreateOutputInput): Promise<Output> {
      return inTransaction(db, async () => {
        const parent = await outcomeFor(user, outcomeId);
        const id = await repo.insertOutput({
          projectId: parent.projectId,
          outcomeId,
          ...input,
          position: await repo.nextOutputPosition(outcomeId),
        });
        const output = await repo.output(id);
        if (!output) throw notFound('Output');
        await audit(user, 'output', id, parent.projectId, 'create', null, output);
        return output;
      });
    },

    updateOutput(user: AuthUser, id: number, input: UpdateOutputInput): Promise<Output> {
      return inTransaction(db, async () => {
        const row = await outputFor(user, id);
        const before = await repo.output(id);
        if (row.version !== input.version) throw versionConflict(before);
        const { version, position, outcomeId, ...fields } = input;
        const moving = outcomeId !== undefined && outcomeId !== row.outcomeId;
        if (moving) {
          const target = await repo.findOutcomeRow(outcomeId);
          if (!target || target.projectId !== row.projectId) {
            throw validationFailed([fieldIssue('outcomeId', 'ref.not_project_outcome')]);
          }
        }
        const values = moving ? { ...fields, outcomeId, position: await repo.nextOutputPosition(outcomeId) } : fields;
        if (!(await repo.updateOutputVersioned(id, version, values))) throw versionConflict(await repo.output(id));
        if (moving) {
          for (const a of await repo.moveActivitiesOfOutput(id, row.outcomeId, outcomeId)) {
            // The activity's history shows the move, though nobody edited the activity itself.
            await writeAudit(db, {
              userId: user.id,
              entity: 'activity',
              entityId: a.id,
              projectId: row.projectId,
              action: 'update',
              before: { outcomeId: row.outcomeId },
              after: { outcomeId },
              note: 'Moved with its output',
            });
          }
          for (const p of reorder(await repo.outputsOf(row.outcomeId), -1, 0)) await repo.setOutputPosition(p.id, p.position);
        }
        if (position !== undefined) {
          const parentId = moving ? outcomeId : row.outcomeId;
          for (const p of reorder(await repo.outputsOf(parentId), id, position)) await repo.setOutputPosition(p.id, p.position);
        }
        const after = await repo.output(id);
        if (!after) throw notFound('Output');
        await audit(user, 'output', id, row.projectId, 'update', before, after);
        return after;
      });
    },

    async deleteOutput(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const row = await outputFor(user, id);
        const before = await repo.output(id);
        if (row.version !== version) throw versionConflict(before);
        const n = await repo.activityCount({ outputId: id });
        if (n > 0) throw hasDependents('output', n);
        const m = await repo.indicatorCount({ outputId: id });
        if (m > 0) throw hasIndicators('output', m);
        await repo.deleteOutput(id);
        for (const p of reorder(await repo.outputsOf(row.outcomeId), -1, 0)) await repo.setOutputPosition(p.id, p.position);
        await audit(user, 'output', id, row.projectId, 'delete', before, null);
      });
    },
  };
}
export type ResultsService = ReturnType<typeof createResultsService>;
