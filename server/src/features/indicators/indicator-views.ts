import {
  classifyRag,
  computeExpectedPercent,
  computeOverallProgress,
  computePeriodProgress,
  DEFAULT_RAG_THRESHOLDS,
  type IndicatorForProgress,
  type Progress,
  type Rag,
  type RagThresholds,
} from '@shared/calc/indicator-progress';
import type { ValueStatus } from '@shared/enums';
import { hasPermission } from '@shared/permissions';
import type { Indicator } from '@shared/schemas/indicator';
import type { Period } from '@shared/schemas/indicator-period';
import type { IndicatorDetail, IndicatorSummary } from '@shared/schemas/indicator-summary';
import type { AuthUser } from '../../core/auth-user';
import type { IndicatorsRepository, PeriodRow, ValueRow } from './indicators.repository';

/** Partners and donors see approved values only: the others are left out as if they did not exist. */
export const canSeeUnapproved = (user: AuthUser) => hasPermission(user.role, 'value:view_unapproved');

const isVisible = (user: AuthUser, value: ValueRow) => value.status === 'approved' || canSeeUnapproved(user);

/** The number an approved value contributes to progress: its value, or the score of a qualitative one. */
const actualOf = (indicator: Pick<Indicator, 'measure'>, value: ValueRow | undefined) =>
  value?.status === 'approved' ? (indicator.measure === 'qualitative' ? value.score : value.value) : null;

type Assessment = {
  progress: Progress;
  expectedPercent: number | null;
  rag: Rag;
  latestActual: IndicatorSummary['latestActual'];
  periodProgress: Map<number, Progress>;
};

/**
 * Progress of one indicator from its approved values only, whoever asks, so that every
 * role sees the same figures (shared/calc/indicator-progress.ts does the arithmetic).
 */
function assess(
  indicator: Indicator,
  periods: readonly PeriodRow[],
  valueOf: Map<number, ValueRow>,
  today: string,
  thresholds: RagThresholds,
): Assessment {
  const input: IndicatorForProgress = {
    measure: indicator.measure,
    direction: indicator.direction,
    aggregation: indicator.aggregation,
    baseline: indicator.baseline.value,
    target: indicator.target.value,
    periods: periods.map((p) => ({ start: p.start, end: p.end, target: p.target, actual: actualOf(indicator, valueOf.get(p.id)) })),
  };
  const progress = computeOverallProgress(input);
  const expectedPercent = computeExpectedPercent(input, today);
  const periodProgress = new Map(periods.map((p, i) => [p.id, computePeriodProgress(input, input.periods[i]!)]));
  let latest: { period: PeriodRow; value: ValueRow } | undefined;
  for (const period of periods) {
    const value = valueOf.get(period.id);
    if (value?.status === 'approved' && (!latest || period.end > latest.period.end)) latest = { period, value };
  }
  return {
    progress,
    expectedPercent,
    rag: classifyRag(progress.percent, expectedPercent, thresholds),
    latestActual: latest
      ? {
          periodId: latest.period.id,
          end: latest.period.end,
          value: latest.value.value,
          narrative: latest.value.narrative,
          score: latest.value.score,
        }
      : null,
    periodProgress,
  };
}

const byPeriod = (values: readonly ValueRow[]) => new Map(values.map((v) => [v.periodId, v]));

export type FrameworkIndicatorSummaries = {
  goal: IndicatorSummary[];
  outcomes: Map<number, IndicatorSummary[]>;
  outputs: Map<number, IndicatorSummary[]>;
};

export function createIndicatorViews(repo: IndicatorsRepository, today: () => string) {
  async function thresholdsOf(projectId: number): Promise<RagThresholds> {
    const row = await repo.ragSettings(projectId);
    return row ? { onTrack: row.ragOnTrack, atRisk: row.ragAtRisk } : DEFAULT_RAG_THRESHOLDS;
  }

  /** Periods in API shape, each with the value the user may see and its progress. */
  async function periodsOf(
    user: AuthUser,
    indicator: Indicator,
    periods: readonly PeriodRow[],
    values: readonly ValueRow[],
    assessment: Assessment,
  ): Promise<Period[]> {
    const valueOf = byPeriod(values);
    const visible = values.filter((v) => isVisible(user, v));
    const described = await repo.describeValues(visible);
    return periods.map((p) => {
      const value = valueOf.get(p.id);
      return {
        id: p.id,
        indicatorId: indicator.id,
        start: p.start,
        end: p.end,
        target: p.target,
        targetDisaggregation: p.targetDisaggregation ?? null,
        locked: value?.status === 'approved',
        progress: assessment.periodProgress.get(p.id) ?? { percent: null, reason: 'no_actual' },
        value: value ? (described.get(value.id) ?? null) : null,
        version: p.version,
      };
    });
  }

  return {
    thresholdsOf,

    /** An indicator with its periods, visible values and progress. */
    async detail(user: AuthUser, indicator: Indicator): Promise<IndicatorDetail> {
      const periods = await repo.periodRowsOf(indicator.id);
      const values = await repo.valueRowsOfPeriods(periods.map((p) => p.id));
      const assessment = assess(indicator, periods, byPeriod(values), today(), await thresholdsOf(indicator.projectId));
      const { periodProgress: _, ...figures } = assessment;
      return { ...indicator, periods: await periodsOf(user, indicator, periods, values, assessment), ...figures };
    },

    /** Some periods of an indicator (all when ids is omitted) in API shape. */
    async periods(user: AuthUser, indicator: Indicator, ids?: readonly number[]): Promise<Period[]> {
      const all = await repo.periodRowsOf(indicator.id);
      const values = await repo.valueRowsOfPeriods(all.map((p) => p.id));
      const assessment = assess(indicator, all, byPeriod(values), today(), await thresholdsOf(indicator.projectId));
      const wanted = ids ? all.filter((p) => ids.includes(p.id)) : all;
      return periodsOf(user, indicator, wanted, values, assessment);
    },

    /** Every indicator of a project as the framework shows it, grouped by parent, in four queries. */
    async framework(user: AuthUser, projectId: number): Promise<FrameworkIndicatorSummaries> {
      const indicators = await repo.indicatorsOf(projectId);
      const periods = await repo.periodRowsOfProject(projectId);
      const valueOf = byPeriod(await repo.valueRowsOfProject(projectId));
      const thresholds = await thresholdsOf(projectId);
      const now = today();
      const periodsOfIndicator = new Map<number, PeriodRow[]>();
      for (const p of periods) periodsOfIndicator.set(p.indicatorId, [...(periodsOfIndicator.get(p.indicatorId) ?? []), p]);

      const result: FrameworkIndicatorSummaries = { goal: [], outcomes: new Map(), outputs: new Map() };
      for (const indicator of indicators) {
        const own = periodsOfIndicator.get(indicator.id) ?? [];
        const { periodProgress, ...figures } = assess(indicator, own, valueOf, now, thresholds);
        const summary: IndicatorSummary = {
          id: indicator.id,
          code: indicator.code,
          level: indicator.level,
          title: indicator.title,
          measure: indicator.measure,
          direction: indicator.direction,
          aggregation: indicator.aggregation,
          unit: indicator.unit,
          baseline: indicator.baseline,
          target: indicator.target,
          illustrative: indicator.illustrative,
          periods: own.map((p) => {
            const value = valueOf.get(p.id);
            return {
              id: p.id,
              start: p.start,
              end: p.end,
              target: p.target,
              actual: actualOf(indicator, value),
              status: value && isVisible(user, value) ? (value.status as ValueStatus) : null,
              locked: value?.status === 'approved',
              progress: periodProgress.get(p.id) ?? { percent: null, reason: 'no_actual' },
            };
          }),
          ...figures,
        };
        if (indicator.outputId !== null) {
          result.outputs.set(indicator.outputId, [...(result.outputs.get(indicator.outputId) ?? []), summary]);
        } else if (indicator.outcomeId !== null) {
          result.outcomes.set(indicator.outcomeId, [...(result.outcomes.get(indicator.outcomeId) ?? []), summary]);
        } else {
          result.goal.push(summary);
        }
      }
      return result;
    },
  };
}
export type IndicatorViews = ReturnType<typeof createIndicatorViews>;
