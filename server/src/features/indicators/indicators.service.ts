import { disaggregationIssues, type Disaggregation } from '@shared/calc/disaggregation';
import { daysBetween } from '@shared/calc/dates';
import { generateReportingPeriods, projectReportingSpan, spansOverlap, type DateSpan } from '@shared/calc/reporting-periods';
import { fieldIssue, issue } from '@shared/issues';
import type { Permission } from '@shared/permissions';
import { indicatorIssues, type CreateIndicatorInput, type Indicator, type UpdateIndicatorInput } from '@shared/schemas/indicator';
import type { CreatePeriodsInput, Period, UpdatePeriodInput } from '@shared/schemas/indicator-period';
import {
  REPORTING_GRACE_DAYS,
  type IndicatorDetail,
  type MeOverview,
  type OverviewItem,
  type RagThresholds,
  type UpdateRagThresholdsInput,
} from '@shared/schemas/indicator-summary';
import { writeAudit } from '../../core/audit';
import { reorder } from '../../core/ordering';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { AppError, notFound, refused, validationFailed, versionConflict } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import type { IndicatorViews } from './indicator-views';
import { toIndicatorColumns, type IndicatorParent, type IndicatorsRepository, type PeriodRow } from './indicators.repository';

const periodLocked = () => new AppError('PERIOD_LOCKED', 'The value of this period is approved, so the period is locked; an admin can unlock it');

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The parent as stored: an output's indicator keeps no outcome of its own. */
const parentOf = (i: Indicator): IndicatorParent => ({
  projectId: i.projectId,
  outcomeId: i.outputId !== null ? null : i.outcomeId,
  outputId: i.outputId,
});

export function createIndicatorsService(db: Db, repo: IndicatorsRepository, views: IndicatorViews, today: () => string) {
  /** Loads an indicator and checks the user may act on its project (404 when not visible). */
  async function load(user: AuthUser, id: number, permission: Permission): Promise<Indicator> {
    const row = await assertRecordAccess(db, user, await repo.findIndicatorRow(id), 'Indicator', permission);
    const indicator = (await repo.indicatorsOf(row.projectId)).find((i) => i.id === id);
    if (!indicator) throw notFound('Indicator');
    return indicator;
  }

  async function loadPeriod(user: AuthUser, id: number, permission: Permission): Promise<{ period: PeriodRow; indicator: Indicator }> {
    const period = await assertRecordAccess(db, user, await repo.findPeriodRow(id), 'Period', permission);
    return { period, indicator: await load(user, period.indicatorId, permission) };
  }

  /** Checks that the outcome or output belongs to the project. */
  async function parentIn(projectId: number, input: { outcomeId: number | null; outputId: number | null }): Promise<IndicatorParent> {
    if (input.outputId !== null) {
      if ((await repo.outputRow(input.outputId))?.projectId !== projectId) {
        throw validationFailed([fieldIssue('outputId', 'ref.not_project_output')]);
      }
      return { projectId, outcomeId: null, outputId: input.outputId };
    }
    if (input.outcomeId !== null && (await repo.outcomeRow(input.outcomeId))?.projectId !== projectId) {
      throw validationFailed([fieldIssue('outcomeId', 'ref.not_project_outcome')]);
    }
    return { projectId, outcomeId: input.outcomeId, outputId: null };
  }

  function targetIssues(indicator: Indicator, target: number | null, breakdown: Disaggregation | null) {
    return disaggregationIssues({
      total: target,
      disaggregation: breakdown,
      configured: indicator.disaggregations,
      path: 'targetDisaggregation',
    });
  }

  /** Adds the periods the frequency gives within the project's span that overlap none of the existing ones. */
  async function addGeneratedPeriods(user: AuthUser, indicator: Indicator): Promise<number[]> {
    const project = await repo.projectSpanRow(indicator.projectId);
    if (!project) throw notFound('Project');
    const existing: DateSpan[] = await repo.periodRowsOf(indicator.id);
    const fresh = generateReportingPeriods(indicator.frequency, projectReportingSpan(project)).filter(
      (span) => !existing.some((e) => spansOverlap(e, span)),
    );
    const ids: number[] = [];
    for (const span of fresh) ids.push(await insertPeriod(user, indicator, { ...span, target: null, targetDisaggregation: null }));
    return ids;
  }

  async function insertPeriod(
    user: AuthUser,
    indicator: Indicator,
    p: { start: string; end: string; target: number | null; targetDisaggregation: Disaggregation | null },
  ): Promise<number> {
    const id = await repo.insertPeriod({ projectId: indicator.projectId, indicatorId: indicator.id, ...p });
    await writeAudit(db, { userId: user.id, entity: 'indicator_period', entityId: id, projectId: indicator.projectId, action: 'create', after: p });
    return id;
  }

  async function overlapIssues(indicatorId: number, span: DateSpan, exceptId?: number) {
    const clash = (await repo.periodRowsOf(indicatorId)).find((p) => p.id !== exceptId && spansOverlap(p, span));
    return clash ? [fieldIssue('start', 'period.overlaps', { start: clash.start, end: clash.end })] : [];
  }

  async function ragView(projectId: number): Promise<RagThresholds> {
    const row = await repo.ragSettings(projectId);
    const { onTrack, atRisk } = await views.thresholdsOf(projectId);
    return { projectId, onTrack, atRisk, version: row?.version ?? 1 };
  }

  return {
    async list(user: AuthUser, projectId: number): Promise<{ items: Indicator[]; total: number }> {
      await assertProjectAccess(db, user, projectId, 'project:read');
      const items = await repo.indicatorsOf(projectId);
      return { items, total: items.length };
    },

    async get(user: AuthUser, id: number): Promise<IndicatorDetail> {
      return views.detail(user, await load(user, id, 'project:read'));
    },

    create(user: AuthUser, projectId: number, input: CreateIndicatorInput): Promise<IndicatorDetail> {
      return inTransaction(db, async () => {
        await assertProjectAccess(db, user, projectId, 'indicator:edit');
        const parent = await parentIn(projectId, input);
        const id = await repo.insertIndicator({
          ...(toIndicatorColumns(input) as Required<ReturnType<typeof toIndicatorColumns>>),
          ...parent,
          position: await repo.nextPosition(parent),
        });
        const indicator = await load(user, id, 'indicator:edit');
        await writeAudit(db, { userId: user.id, entity: 'indicator', entityId: id, projectId, action: 'create', after: indicator });
        await addGeneratedPeriods(user, indicator);
        return views.detail(user, indicator);
      });
    },

    update(user: AuthUser, id: number, input: UpdateIndicatorInput): Promise<IndicatorDetail> {
      return inTransaction(db, async () => {
        const before = await load(user, id, 'indicator:edit');
        if (before.version !== input.version) throw versionConflict(await views.detail(user, before));
        const { version, position, ...changes } = input;
        const merged = { ...before, ...changes };
        const issues = indicatorIssues(merged);
        if (issues.length) throw validationFailed(issues);
        const redefines =
          merged.measure !== before.measure ||
          JSON.stringify([...merged.disaggregations].sort()) !== JSON.stringify([...before.disaggregations].sort());
        if (redefines && (await repo.valueCountOfIndicator(id)) > 0) {
          throw refused('CONFLICT', issue('indicator.values_recorded'), {
            issues: [fieldIssue(changes.measure !== undefined ? 'measure' : 'disaggregations', 'indicator.values_recorded')],
          });
        }
        if (!(await repo.updateIndicatorVersioned(id, version, toIndicatorColumns(changes)))) {
          throw versionConflict(await views.detail(user, await load(user, id, 'indicator:edit')));
        }
        if (position !== undefined) {
          for (const p of reorder(await repo.siblings(parentOf(before)), id, position)) await repo.setIndicatorPosition(p.id, p.position);
        }
        const after = await load(user, id, 'indicator:edit');
        if (changes.frequency !== undefined && changes.frequency !== before.frequency) await addGeneratedPeriods(user, after);
        await writeAudit(db, { userId: user.id, entity: 'indicator', entityId: id, projectId: before.projectId, action: 'update', before, after });
        return views.detail(user, after);
      });
    },

    async delete(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const before = await load(user, id, 'indicator:edit');
        if (before.version !== version) throw versionConflict(await views.detail(user, before));
        const n = await repo.valueCountOfIndicator(id);
        if (n > 0) {
          throw refused('HAS_DEPENDENTS', issue('indicator.has_values', { count: n }), { values: n });
        }
        await repo.deleteIndicator(id);
        for (const p of reorder(await repo.siblings(parentOf(before)), -1, 0)) await repo.setIndicatorPosition(p.id, p.position);
        await writeAudit(db, { userId: user.id, entity: 'indicator', entityId: id, projectId: before.projectId, action: 'delete', before });
      });
    },

    async listPeriods(user: AuthUser, indicatorId: number): Promise<{ items: Period[]; total: number }> {
      const items = await views.periods(user, await load(user, indicatorId, 'project:read'));
      return { items, total: items.length };
    },

    createPeriods(user: AuthUser, indicatorId: number, input: CreatePeriodsInput): Promise<{ items: Period[]; total: number }> {
      return inTransaction(db, async () => {
        const indicator = await load(user, indicatorId, 'indicator:edit');
        let ids: number[];
        if (input.generate) {
          if (indicator.frequency === 'custom') {
            throw validationFailed([fieldIssue('generate', 'indicator.custom_periods')]);
          }
          ids = await addGeneratedPeriods(user, indicator);
        } else {
          const span = { start: input.start ?? '', end: input.end ?? '' };
          const target = input.target ?? null;
          const breakdown = input.targetDisaggregation ?? null;
          const issues = [...(await overlapIssues(indicatorId, span)), ...targetIssues(indicator, target, breakdown)];
          if (issues.length) throw validationFailed(issues);
          ids = [await insertPeriod(user, indicator, { ...span, target, targetDisaggregation: breakdown })];
        }
        const items = await views.periods(user, indicator, ids);
        return { items, total: items.length };
      });
    },

    updatePeriod(user: AuthUser, id: number, input: UpdatePeriodInput): Promise<Period> {
      return inTransaction(db, async () => {
        const { period, indicator } = await loadPeriod(user, id, 'indicator:edit');
        const value = await repo.valueOfPeriod(id);
        if (value?.status === 'approved') throw periodLocked();
        const current = async () => (await views.periods(user, indicator, [id]))[0];
        if (period.version !== input.version) throw versionConflict(await current());
        const { version, ...changes } = input;
        const merged = {
          start: changes.start ?? period.start,
          end: changes.end ?? period.end,
          target: changes.target !== undefined ? changes.target : period.target,
          targetDisaggregation: changes.targetDisaggregation !== undefined ? changes.targetDisaggregation : (period.targetDisaggregation ?? null),
        };
        const moving = merged.start !== period.start || merged.end !== period.end;
        if (moving && value) {
          throw refused('CONFLICT', issue('period.dates_fixed'), { issues: [fieldIssue('start', 'period.dates_fixed')] });
        }
        const issues = [
          ...(merged.end < merged.start ? [fieldIssue('end', 'period.end_before_start')] : []),
          ...(moving ? await overlapIssues(indicator.id, merged, id) : []),
          ...targetIssues(indicator, merged.target, merged.targetDisaggregation),
        ];
        if (issues.length) throw validationFailed(issues);
        const before = await current();
        if (!(await repo.updatePeriodVersioned(id, version, merged))) throw versionConflict(await current());
        const after = await current();
        await writeAudit(db, {
          userId: user.id,
          entity: 'indicator_period',
          entityId: id,
          projectId: period.projectId,
          action: 'update',
          before,
          after,
        });
        if (!after) throw notFound('Period');
        return after;
      });
    },

    async deletePeriod(user: AuthUser, id: number, version: number): Promise<void> {
      await inTransaction(db, async () => {
        const { period, indicator } = await loadPeriod(user, id, 'indicator:edit');
        const value = await repo.valueOfPeriod(id);
        if (value?.status === 'approved') throw periodLocked();
        const before = (await views.periods(user, indicator, [id]))[0];
        if (period.version !== version) throw versionConflict(before);
        if (value) throw refused('HAS_DEPENDENTS', issue('period.has_value'), { values: 1 });
        await repo.deletePeriod(id);
        await writeAudit(db, { userId: user.id, entity: 'indicator_period', entityId: id, projectId: period.projectId, action: 'delete', before });
      });
    },

    /** Every indicator of the project with progress, for the results framework view. */
    frameworkIndicators(user: AuthUser, projectId: number) {
      return views.framework(user, projectId);
    },

    /** Per period that has started: which values are due, late, drafted, submitted, returned or approved. */
    async overview(user: AuthUser, projectId: number): Promise<MeOverview> {
      await assertProjectAccess(db, user, projectId, 'value:view_unapproved');
      const asOf = today();
      const indicators = new Map((await repo.indicatorsOf(projectId)).map((i) => [i.id, i]));
      const valueOf = new Map((await repo.valueRowsOfProject(projectId)).map((v) => [v.periodId, v]));
      const counts: MeOverview['counts'] = { due: 0, late: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
      const groups = new Map<string, MeOverview['periods'][number]>();
      for (const period of await repo.periodRowsOfProject(projectId)) {
        const indicator = indicators.get(period.indicatorId);
        if (!indicator || period.start > asOf) continue;
        const value = valueOf.get(period.id);
        const status = (value?.status ?? null) as OverviewItem['valueStatus'];
        const due = period.end < asOf && status !== 'approved';
        const late = due && daysBetween(period.end, asOf) > REPORTING_GRACE_DAYS;
        if (due) counts.due += 1;
        if (late) counts.late += 1;
        if (status) counts[status] += 1;
        const key = `${period.start}/${period.end}`;
        const group = groups.get(key) ?? { start: period.start, end: period.end, dueBy: addDays(period.end, REPORTING_GRACE_DAYS), items: [] };
        group.items.push({
          indicatorId: indicator.id,
          indicatorCode: indicator.code,
          indicatorTitle: indicator.title,
          periodId: period.id,
          valueId: value?.id ?? null,
          valueStatus: status,
          due,
          late,
        });
        groups.set(key, group);
      }
      const order = [...indicators.keys()];
      // Entries rather than .values(): the lint rule against SQLite-only query calls cannot tell a Map from a query.
      const periods = Array.from(groups, ([, g]) => g)
        .sort((a, b) => (a.end !== b.end ? (a.end < b.end ? 1 : -1) : a.start < b.start ? 1 : -1))
        .map((g) => ({ ...g, items: g.items.sort((a, b) => order.indexOf(a.indicatorId) - order.indexOf(b.indicatorId)) }));
      return { projectId, asOf, counts, periods };
    },

    async ragThresholds(user: AuthUser, projectId: number): Promise<RagThresholds> {
      await assertProjectAccess(db, user, projectId, 'project:read');
      return ragView(projectId);
    },

    updateRagThresholds(user: AuthUser, projectId: number, input: UpdateRagThresholdsInput): Promise<RagThresholds> {
      return inTransaction(db, async () => {
        await assertProjectAccess(db, user, projectId, 'project:update');
        const before = await ragView(projectId);
        if (before.version !== input.version) throw versionConflict(before);
        if (!(await repo.ragSettings(projectId))) await repo.insertRagSettings(projectId, input.onTrack, input.atRisk);
        else if (!(await repo.updateRagSettingsVersioned(projectId, input.version, input.onTrack, input.atRisk))) {
          throw versionConflict(await ragView(projectId));
        }
        const after = await ragView(projectId);
        await writeAudit(db, { userId: user.id, entity: 'project_settings', entityId: projectId, projectId, action: 'update', before, after });
        return after;
      });
    },
  };
}
export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
