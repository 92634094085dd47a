import { projectSpan, weightedPercentComplete } from '@shared/calc/activity-progress';
import { summariseBudget, type BudgetFigures as FiguresMinor } from '@shared/calc/budget';
import { burnRate, cumulativeSpendSeries, plannedSpendSeries, type PlannedAllocation } from '@shared/calc/budget-series';
import { timeElapsed, todayIso } from '@shared/calc/dates';
import { widenSpan } from '@shared/calc/timeline';
import type { ActivityStatus } from '@shared/enums';
import { fieldIssue, issue } from '@shared/issues';
import { clampSpan, isDateInRange } from '@shared/bounds';
import { moneyFromMinor, sumMinor, toMinorUnits, type CurrencyCode, type Money } from '@shared/money';
import type {
  BudgetAnalysis,
  BudgetFigures,
  BudgetLine,
  BudgetLineList,
  BudgetLineRevisionList,
  BudgetSettings,
  CreateBudgetLineInput,
  ProjectHealth,
  UpdateBudgetLineInput,
  UpdateBudgetSettingsInput,
} from '@shared/schemas/budget';
import { writeAudit } from '../../core/audit';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { AppError, notFound, refused, validationFailed, versionConflict } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import { toBudgetLine, type BudgetRepository } from './budget.repository';
import { outlineCodes } from '@shared/calc/outline-codes';

type Permission = 'project:read' | 'budget:edit';

function codeTaken(): AppError {
  return refused('CONFLICT', issue('budget_line.code_taken'), { issues: [fieldIssue('code', 'budget_line.code_taken')] });
}

export function createBudgetService(db: Db, repo: BudgetRepository) {
  async function projectFor(user: AuthUser, projectId: number, permission: Permission) {
    await assertProjectAccess(db, user, projectId, permission);
    const project = await repo.project(projectId);
    if (!project) throw notFound('Project');
    return { ...project, currency: project.currency as CurrencyCode };
  }

  async function lineFor(user: AuthUser, id: number, permission: Permission) {
    const row = await assertRecordAccess(db, user, await repo.findLineRow(id), 'Budget line', permission);
    const project = await projectFor(user, row.projectId, permission);
    return { row, project };
  }

  /** Amounts of a line are in the project currency, in minor units. */
  function lineAmount(amount: Money, currency: CurrencyCode): number {
    const minor = amount.currency === currency ? toMinorUnits(amount.amount, currency) : null;
    if (minor === null) {
      throw validationFailed([fieldIssue('amount.currency', 'budget_line.currency', { currency })]);
    }
    return minor;
  }

  async function checkActivity(projectId: number, activityId: number | null | undefined) {
    if (activityId == null) return;
    const activity = await repo.activity(activityId);
    if (!activity || activity.projectId !== projectId) {
      throw validationFailed([fieldIssue('activityId', 'ref.not_project_activity')]);
    }
  }

  async function settingsOf(projectId: number): Promise<BudgetSettings> {
    const s = await repo.settings(projectId);
    return { projectId, tolerancePercent: s.toleranceBp / 100, version: s.version };
  }

  type Project = Awaited<ReturnType<typeof projectFor>>;

  async function healthOf(project: Project, spentPercent: number | null, today: string): Promise<ProjectHealth> {
    const span = projectSpan(project);
    const activities = (await repo.activities(project.id)).map((a) => ({ ...a, status: a.status as ActivityStatus }));
    return {
      projectId: project.id,
      today,
      span,
      timeElapsedPercent: timeElapsed(span.start, span.end, today)?.percent ?? null,
      budgetSpentPercent: spentPercent,
      activitiesCompletePercent: weightedPercentComplete(activities),
    };
  }

  async function analyse(project: Project): Promise<BudgetAnalysis> {
    const { currency } = project;
    const today = todayIso();
    const money = (minor: number | bigint) => moneyFromMinor(minor, currency);
    const figures = (f: FiguresMinor): BudgetFigures => ({
      budget: money(f.budgetMinor),
      committed: money(f.committedMinor),
      spent: money(f.spentMinor),
      remaining: money(f.remainingMinor),
    });
    const zero: FiguresMinor = { budgetMinor: 0n, committedMinor: 0n, spentMinor: 0n, remainingMinor: 0n };

    const lineRows = await repo.lineRows(project.id);
    const entries = await repo.entries(project.id);
    const activities = await repo.activities(project.id);
    const outcomes = await repo.outcomes(project.id);
    const outputs = await repo.outputs(project.id);
    const settings = await settingsOf(project.id);
    // Sums only make sense in one currency; a project whose currency changed after money
    // was entered must have its lines and entries restated first.
    const foreign = [...lineRows, ...entries].filter((x) => x.currency !== currency).length;
    if (foreign > 0) {
      throw refused('CONFLICT', issue('budget_analysis.foreign_currency', { count: foreign, currency }), { currency, records: foreign });
    }

    const summary = summariseBudget({
      lines: lineRows.map((l) => ({
        id: l.id,
        category: l.category as BudgetLine['category'],
        activityId: l.activityId,
        originalMinor: l.originalMinor,
        revisedMinor: l.revisedMinor,
      })),
      entries,
      activities,
      tolerance: settings.tolerancePercent / 100,
    });

    const codes = outlineCodes(outcomes, outputs);
    const lineById = new Map(lineRows.map((l) => [l.id, l]));
    const activityById = new Map(activities.map((a) => [a.id, a]));
    const outcomeRows = new Map(summary.byOutcome.rows.map((r) => [r.outcomeId, r]));
    const outputRows = new Map(summary.byOutput.rows.map((r) => [r.outputId, r]));

    // Pace: against the current budget of the lines, or the record's budget while there are none.
    const span = clampSpan(projectSpan(project));
    const budgetMinor = lineRows.length > 0 ? summary.totals.budgetMinor : BigInt(project.budgetMinor);
    const pace = burnRate({ spentMinor: summary.totals.spentMinor, budgetMinor, start: span.start, end: span.end, today });

    // The chart covers the project span, widened to every entry so that nothing is left out,
    // but never beyond the dates the app accepts: a stored date from before the bound would
    // otherwise chart thousands of years. Entries outside it are left out of the series.
    const chart = widenSpan(span, entries.map((e) => e.date).filter(isDateInRange));
    const allocations: PlannedAllocation[] = lineRows.map((l) => {
      const a = l.activityId === null ? undefined : activityById.get(l.activityId);
      const own = a?.plannedStart && a.plannedEnd ? clampSpan({ start: a.plannedStart, end: a.plannedEnd }) : span;
      return { amountMinor: l.revisedMinor ?? l.originalMinor, ...own };
    });
    const chartAll = widenSpan(
      chart,
      allocations.flatMap((a) => [a.start, a.end]),
    );
    const spent = cumulativeSpendSeries(entries, chartAll.start, chartAll.end, 'month');
    const planned = plannedSpendSeries(allocations, chartAll.start, chartAll.end, 'month');

    return {
      projectId: project.id,
      currency,
      projectBudget: money(project.budgetMinor),
      unbudgeted: money(BigInt(project.budgetMinor) - summary.totals.budgetMinor),
      settings,
      illustrative: lineRows.some((l) => l.illustrative) || entries.some((e) => e.illustrative),
      totals: figures(summary.totals),
      byCategory: {
        rows: summary.byCategory.rows.map((r) => ({ category: r.category, ...figures(r) })),
        unallocated: figures(summary.byCategory.unallocated),
      },
      byLine: {
        rows: summary.byLine.rows.map((r) => {
          const line = lineById.get(r.id);
          return {
            id: r.id,
            code: line?.code ?? '',
            title: line?.title ?? '',
            category: r.category,
            activityId: r.activityId,
            original: money(r.originalMinor),
            revised: r.revisedMinor === null ? null : money(r.revisedMinor),
            ...figures(r),
            overBy: money(r.overByMinor),
            warning: r.warning,
          };
        }),
        unallocated: figures(summary.byLine.unallocated),
      },
      byActivity: {
        rows: summary.byActivity.rows.map((r) => ({
          activityId: r.activityId,
          title: activityById.get(r.activityId)?.title ?? '',
          outcomeId: r.outcomeId,
          outputId: r.outputId,
          ...figures(r),
        })),
        unallocated: figures(summary.byActivity.unallocated),
      },
      byOutcome: {
        rows: outcomes.map((o) => ({
          outcomeId: o.id,
          code: codes.outcomes.get(o.id) ?? '',
          title: o.title,
          ...figures(outcomeRows.get(o.id) ?? zero),
        })),
        unallocated: figures(summary.byOutcome.unallocated),
      },
      byOutput: {
        rows: outputs
          .map((x) => ({
            outputId: x.id,
            outcomeId: x.outcomeId,
            code: codes.outputs.get(x.id) ?? '',
            title: x.title,
            ...figures(outputRows.get(x.id) ?? zero),
          }))
          .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })),
        unallocated: figures(summary.byOutput.unallocated),
      },
      burnRate: {
        start: span.start,
        end: span.end,
        today,
        elapsedPercent: pace.elapsedPercent,
        spentPercent: pace.spentPercent,
        gapPercent: pace.gapPercent,
        forecastAtCompletion: pace.forecastAtCompletionMinor === null ? null : money(pace.forecastAtCompletionMinor),
      },
      series: spent.map((s, i) => {
        const p = planned[i];
        return {
          period: s.period,
          spent: money(s.spentMinor),
          cumulativeSpent: money(s.cumulativeMinor),
          planned: money(p?.plannedMinor ?? 0n),
          cumulativePlanned: money(p?.cumulativeMinor ?? 0n),
        };
      }),
      health: await healthOf(project, pace.spentPercent, today),
    };
  }

  return {
    async listLines(user: AuthUser, projectId: number): Promise<BudgetLineList> {
      const project = await projectFor(user, projectId, 'project:read');
      const rows = await repo.lineRows(projectId);
      const items = rows.map(toBudgetLine);
      const sum = sumMinor(rows.map((l) => l.revisedMinor ?? l.originalMinor));
      return { items, total: items.length, sum: moneyFromMinor(sum, project.currency) };
    },

    async createLine(user: AuthUser, projectId: number, input: CreateBudgetLineInput): Promise<BudgetLine> {
      return await inTransaction(db, async () => {
        const project = await projectFor(user, projectId, 'budget:edit');
        const originalMinor = lineAmount(input.amount, project.currency);
        await checkActivity(projectId, input.activityId);
        if (input.code && (await repo.codeTaken(projectId, input.code))) throw codeTaken();
        const { amount: _amount, ...fields } = input;
        const id = await repo.insertLine({ ...fields, projectId, originalMinor, revisedMinor: null, currency: project.currency });
        const row = await repo.findLineRow(id);
        if (!row) throw notFound('Budget line');
        const line = toBudgetLine(row);
        await writeAudit(db, { userId: user.id, entity: 'budget_line', entityId: id, projectId, action: 'create', after: line });
        return line;
      });
    },

    async updateLine(user: AuthUser, id: number, input: UpdateBudgetLineInput): Promise<BudgetLine> {
      return await inTransaction(db, async () => {
        const { row, project } = await lineFor(user, id, 'budget:edit');
        const before = toBudgetLine(row);
        if (row.version !== input.version) throw versionConflict(before);
        const { version, amount, reason, ...fields } = input;
        await checkActivity(row.projectId, fields.activityId);
        if (fields.code && (await repo.codeTaken(row.projectId, fields.code, id))) throw codeTaken();
        const values: Parameters<BudgetRepository['updateLineVersioned']>[2] = { ...fields };
        const currentMinor = row.revisedMinor ?? row.originalMinor;
        const newMinor = amount === undefined ? currentMinor : lineAmount(amount, project.currency);
        if (newMinor !== currentMinor) values.revisedMinor = newMinor;
        if (!(await repo.updateLineVersioned(id, version, values))) throw versionConflict(toBudgetLine((await repo.findLineRow(id)) ?? row));
        if (newMinor !== currentMinor) {
          await repo.insertRevision({
            budgetLineId: id,
            projectId: row.projectId,
            fromMinor: currentMinor,
            toMinor: newMinor,
            currency: row.currency,
            reason: reason ?? '',
            userId: user.id,
            at: new Date().toISOString(),
          });
        }
        const after = await repo.findLineRow(id);
        if (!after) throw notFound('Budget line');
        const line = toBudgetLine(after);
        await writeAudit(db, {
          userId: user.id,
          entity: 'budget_line',
          entityId: id,
          projectId: row.projectId,
          action: 'update',
          before,
          after: line,
          note: newMinor !== currentMinor ? (reason ?? null) : null,
        });
        return line;
      });
    },

    async deleteLine(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const { row } = await lineFor(user, id, 'budget:edit');
        const before = toBudgetLine(row);
        if (row.version !== version) throw versionConflict(before);
        const n = await repo.entryCountOfLine(id);
        if (n > 0) {
          throw refused('HAS_DEPENDENTS', issue('budget_line.has_entries', { count: n }), { entries: n });
        }
        await repo.deleteLine(id);
        await writeAudit(db, { userId: user.id, entity: 'budget_line', entityId: id, projectId: row.projectId, action: 'delete', before });
      });
    },

    async revisions(user: AuthUser, id: number): Promise<BudgetLineRevisionList> {
      const { row } = await lineFor(user, id, 'project:read');
      const items = await repo.revisions(id);
      return { items, total: items.length, original: toBudgetLine(row).original };
    },

    async updateSettings(user: AuthUser, projectId: number, input: UpdateBudgetSettingsInput): Promise<BudgetSettings> {
      return await inTransaction(db, async () => {
        await projectFor(user, projectId, 'budget:edit');
        const before = await settingsOf(projectId);
        if (before.version !== input.version) throw versionConflict(before);
        if (!(await repo.saveSettings(projectId, input.version, Math.round(input.tolerancePercent * 100)))) {
          throw versionConflict(await settingsOf(projectId));
        }
        const after = await settingsOf(projectId);
        await writeAudit(db, { userId: user.id, entity: 'budget_settings', entityId: projectId, projectId, action: 'update', before, after });
        return after;
      });
    },

    async analysis(user: AuthUser, projectId: number): Promise<BudgetAnalysis> {
      return await analyse(await projectFor(user, projectId, 'project:read'));
    },

    async health(user: AuthUser, projectId: number): Promise<ProjectHealth> {
      return (await analyse(await projectFor(user, projectId, 'project:read'))).health;
    },
  };
}
export type BudgetService = ReturnType<typeof createBudgetService>;
