import { disaggregationIssues, type Disaggregation } from '@shared/calc/disaggregation';
import { daysBetween } from '@shared/calc/dates';
import { generateReportingPeriods, projectReportingSpan, spansOverlap, type DateSpan } from '@shared/calc/reporting-periods';
import { fieldIssue, issue } from '@shared/issues';
import type { Permission } from '@shared/permissions';
import {
  indicatorIssues,
  REPORTING_GRACE_DAYS,
  type CreateIndicatorInput,
  type CreatePeriodsInput,
  type Indicator,
  type IndicatorDetail,
  type MeOverview,
  type OverviewItem,
  type Period,
  type RagThresholds,
  type UpdateIndicatorInput,
  type UpdatePeriodInput,
  type UpdateRagThresholdsInput,
} from '@shared/schemas/indicator';
import { writeAudit } from '../../core/audit';
import { reorder } from '../../core/ordering';
import { assertProjectAccess, assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { AppError, notFound, refused, validationFailed, versionConflict } from '../../http/app-error';
import type { AuthUser } from '../../http/session';
import type { IndicatorViews } from './indicator-views';
import { toIndicatorColumns, type IndicatorParent, type IndicatorsRepository, type PeriodRow } from './indicators.repository';

const periodLocked = () =>
  new AppError('PERIOD_LOCKED', 'The value of this period is approved, so the period is locked; an admin can unlock it');

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The parent as stored: an output's indicator keeps no outcome of its own. */
const parentOf = (i: Indicator): IndicatorParent => ({
  projectId: i.projectId,
  outcomeId: i.outputId !== null ? null : i.outcomeId,
  outputId: i.outputId,
});

export function createIndicatorsService(db: Db, repo: IndicatorsRepository, views: IndicatorViews, today: () => string) {
  /** Loads an indicator and checks the user may act on its project (404 when not visible). */
  function load(user: AuthUser, id: number, permission: Permission): Indicator {
    const row = assertRecordAccess(db, user, repo.findIndicatorRow(id), 'Indicator', permission);
    const indicator = repo.indicatorsOf(row.projectId).find((i) => i.id === id);
    if (!indicator) throw notFound('Indicator');
    return indicator;
  }

  function loadPeriod(user: AuthUser, id: number, permission: Permission): { period: PeriodRow; indicator: Indicator } {
    const period = assertRecordAccess(db, user, repo.findPeriodRow(id), 'Period', permission);
    return { period, indicator: load(user, period.indicatorId, permission) };
  }

  /** Checks that the outcome or output belongs to the project. */
  function parentIn(projectId: number, input: { outcomeId: number | null; outputId: number | null }): IndicatorParent {
    if (input.outputId !== null) {
      if (repo.outputRow(input.outputId)?.projectId !== projectId) {
        throw validationFailed([fieldIssue('outputId', 'ref.not_project_output')]);
      }
      return { projectId, outcomeId: null, outputId: input.outputId };
    }
    if (input.outcomeId !== null && repo.outcomeRow(input.outcomeId)?.projectId !== projectId) {
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
  function addGeneratedPeriods(user: AuthUser, indicator: Indicator): number[] {
    const project = repo.projectSpanRow(indicator.projectId);
    if (!project) throw notFound('Project');
    const existing: DateSpan[] = repo.periodRowsOf(indicator.id);
    const fresh = generateReportingPeriods(indicator.frequency, projectReportingSpan(project)).filter(
      (span) => !existing.some((e) => spansOverlap(e, span)),
    );
    return fresh.map((span) => insertPeriod(user, indicator, { ...span, target: null, targetDisaggregation: null }));
  }

  function insertPeriod(
    user: AuthUser,
    indicator: Indicator,
    p: { start: string; end: string; target: number | null; targetDisaggregation: Disaggregation | null },
  ): number {
    const id = repo.insertPeriod({ projectId: indicator.projectId, indicatorId: indicator.id, ...p });
    writeAudit(db, { userId: user.id, entity: 'indicator_period', entityId: id, projectId: indicator.projectId, action: 'create', after: p });
    return id;
  }

  function overlapIssues(indicatorId: number, span: DateSpan, exceptId?: number) {
    const clash = repo.periodRowsOf(indicatorId).find((p) => p.id !== exceptId && spansOverlap(p, span));
    return clash ? [fieldIssue('start', 'period.overlaps', { start: clash.start, end: clash.end })] : [];
  }

  function ragView(projectId: number): RagThresholds {
    const row = repo.ragSettings(projectId);
    const { onTrack, atRisk } = views.thresholdsOf(projectId);
    return { projectId, onTrack, atRisk, version: row?.version ?? 1 };
  }

  return {
    list(user: AuthUser, projectId: number): { items: Indicator[]; total: number } {
      assertProjectAccess(db, user, projectId, 'project:read');
      const items = repo.indicatorsOf(projectId);
      return { items, total: items.length };
    },

    get(user: AuthUser, id: number): IndicatorDetail {
      return views.detail(user, load(user, id, 'project:read'));
    },

    create(user: AuthUser, projectId: number, input: CreateIndicatorInput): IndicatorDetail {
      return inTransaction(db, () => {
        assertProjectAccess(db, user, projectId, 'indicator:edit');
        const parent = parentIn(projectId, input);
        const id = repo.insertIndicator({
          ...(toIndicatorColumns(input) as Required<ReturnType<typeof toIndicatorColumns>>),
          ...parent,
          position: repo.nextPosition(parent),
        });
        const indicator = load(user, id, 'indicator:edit');
        writeAudit(db, { userId: user.id, entity: 'indicator', entityId: id, projectId, action: 'create', after: indicator });
        addGeneratedPeriods(user, indicator);
        return views.detail(user, indicator);
      });
    },

    update(user: AuthUser, id: number, input: UpdateIndicatorInput): IndicatorDetail {
      return inTransaction(db, () => {
        const before = load(user, id, 'indicator:edit');
        if (before.version !== input.version) throw versionConflict(views.detail(user, before));
        const { version, position, ...changes } = input;
        const merged = { ...before, ...changes };
        const issues = indicatorIssues(merged);
        if (issues.length) throw validationFailed(issues);
        const redefines =
          merged.measure !== before.measure || JSON.stringify([...merged.disaggregations].sort()) !== JSON.stringify([...before.disaggregations].sort());
        if (redefines && repo.valueCountOfIndicator(id) > 0) {
          throw refused('CONFLICT', issue('indicator.values_recorded'), {
            issues: [fieldIssue(changes.measure !== undefined ? 'measure' : 'disaggregations', 'indicator.values_recorded')],
          });
        }
        if (!repo.updateIndicatorVersioned(id, version, toIndicatorColumns(changes))) {
          throw versionConflict(views.detail(user, load(user, id, 'indicator:edit')));
        }
        if (position !== undefined) {
          for (const p of reorder(repo.siblings(parentOf(before)), id, position)) repo.setIndicatorPosition(p.id, p.position);
        }
        const after = load(user, id, 'indicator:edit');
        if (changes.frequency !== undefined && changes.frequency !== before.frequency) addGeneratedPeriods(user, after);
        writeAudit(db, { userId: user.id, entity: 'indicator', entityId: id, projectId: before.projectId, action: 'update', before, after });
        return views.detail(user, after);
      });
    },

    delete(user: AuthUser, id: number, version: number): void {
      inTransaction(db, () => {
        const before = load(user, id, 'indicator:edit');
        if (before.version !== version) throw versionConflict(views.detail(user, before));
        const n = repo.valueCountOfIndicator(id);
        if (n > 0) {
          throw refused('HAS_DEPENDENTS', issue('indicator.has_values', { count: n }), { values: n });
        }
        repo.deleteIndicator(id);
        for (const p of reorder(repo.siblings(parentOf(before)), -1, 0)) repo.setIndicatorPosition(p.id, p.position);
        writeAudit(db, { userId: user.id, entity: 'indicator', entityId: id, projectId: before.projectId, action: 'delete', before });
      });
    },

    listPeriods(user: AuthUser, indicatorId: number): { items: Period[]; total: number } {
      const items = views.periods(user, load(user, indicatorId, 'project:read'));
      return { items, total: items.length };
    },

    createPeriods(user: AuthUser, indicatorId: number, input: CreatePeriodsInput): { items: Period[]; total: number } {
      return inTransaction(db, () => {
        const indicator = load(user, indicatorId, 'indicator:edit');
        let ids: number[];
        if (input.generate) {
          if (indicator.frequency === 'custom') {
            throw validationFailed([fieldIssue('generate', 'indicator.custom_periods')]);
          }
          ids = addGeneratedPeriods(user, indicator);
        } else {
          const span = { start: input.start ?? '', end: input.end ?? '' };
          const target = input.target ?? null;
          const breakdown = input.targetDisaggregation ?? null;
          const issues = [...overlapIssues(indicatorId, span), ...targetIssues(indicator, target, breakdown)];
          if (issues.length) throw validationFailed(issues);
          ids = [insertPeriod(user, indicator, { ...span, target, targetDisaggregation: breakdown })];
        }
        const items = views.periods(user, indicator, ids);
        return { items, total: items.length };
      });
    },

    updatePeriod(user: AuthUser, id: number, input: UpdatePeriodInput): Period {
      return inTransaction(db, () => {
        const { period, indicator } = loadPeriod(user, id, 'indicator:edit');
        const value = repo.valueOfPeriod(id);
        if (value?.status === 'approved') throw periodLocked();
        const current = () => views.periods(user, indicator, [id])[0];
        if (period.version !== input.version) throw versionConflict(current());
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
          ...(moving ? overlapIssues(indicator.id, merged, id) : []),
          ...targetIssues(indicator, merged.target, merged.targetDisaggregation),
        ];
        if (issues.length) throw validationFailed(issues);
        const before = current();
        if (!repo.updatePeriodVersioned(id, version, merged)) throw versionConflict(current());
        const after = current();
        writeAudit(db, { userId: user.id, entity: 'indicator_period', entityId: id, projectId: period.projectId, action: 'update', before, after });
        if (!after) throw notFound('Period');
        return after;
      });
    },

    deletePeriod(user: AuthUser, id: number, version: number): void {
      inTransaction(db, () => {
        const { period, indicator } = loadPeriod(user, id, 'indicator:edit');
        const value = repo.valueOfPeriod(id);
        if (value?.status === 'approved') throw periodLocked();
        const before = views.periods(user, indicator, [id])[0];
        if (period.version !== version) throw versionConflict(before);
        if (value) throw refused('HAS_DEPENDENTS', issue('period.has_value'), { values: 1 });
        repo.deletePeriod(id);
        writeAudit(db, { userId: user.id, entity: 'indicator_period', entityId: id, projectId: period.projectId, action: 'delete', before });
      });
    },

    /** Every indicator of the project with progress, for the results framework view. */
    frameworkIndicators(user: AuthUser, projectId: number) {
      return views.framework(user, projectId);
    },

    /** Per period that has started: which values are due, late, drafted, submitted, returned or approved. */
    overview(user: AuthUser, projectId: number): MeOverview {
      assertProjectAccess(db, user, projectId, 'value:view_unapproved');
      const asOf = today();
      const indicators = new Map(repo.indicatorsOf(projectId).map((i) => [i.id, i]));
      const valueOf = new Map(repo.valueRowsOfProject(projectId).map((v) => [v.periodId, v]));
      const counts: MeOverview['counts'] = { due: 0, late: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
      const groups = new Map<string, MeOverview['periods'][number]>();
      for (const period of repo.periodRowsOfProject(projectId)) {
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
      const periods = [...groups.values()]
        .sort((a, b) => (a.end !== b.end ? (a.end < b.end ? 1 : -1) : a.start < b.start ? 1 : -1))
        .map((g) => ({ ...g, items: g.items.sort((a, b) => order.indexOf(a.indicatorId) - order.indexOf(b.indicatorId)) }));
      return { projectId, asOf, counts, periods };
    },

    ragThresholds(user: AuthUser, projectId: number): RagThresholds {
      assertProjectAccess(db, user, projectId, 'project:read');
      return ragView(projectId);
    },

    updateRagThresholds(user: AuthUser, projectId: number, input: UpdateRagThresholdsInput): RagThresholds {
      return inTransaction(db, () => {
        assertProjectAccess(db, user, projectId, 'project:update');
        const before = ragView(projectId);
        if (before.version !== input.version) throw versionConflict(before);
        if (!repo.ragSettings(projectId)) repo.insertRagSettings(projectId, input.onTrack, input.atRisk);
        else if (!repo.updateRagSettingsVersioned(projectId, input.version, input.onTrack, input.atRisk)) {
          throw versionConflict(ragView(projectId));
        }
        const after = ragView(projectId);
        writeAudit(db, { userId: user.id, entity: 'project_settings', entityId: projectId, projectId, action: 'update', before, after });
        return after;
      });
    },
  };
}
export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
