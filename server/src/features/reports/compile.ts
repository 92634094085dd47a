import {
  classifyRag,
  computeExpectedPercent,
  computeOverallProgress,
  rollUpRag,
  type IndicatorForProgress,
  type Rag,
  type RagThresholds,
} from '@shared/calc/indicator-progress';
import type { BudgetAnalysis } from '@shared/schemas/budget';
import type { IndicatorDetail, IndicatorSummary } from '@shared/schemas/indicator-summary';
import type { Project } from '@shared/schemas/project';
import type { ReportActivity, ReportData, ReportIndicator, ReportMilestone } from '@shared/schemas/report';
import type { Results } from '@shared/schemas/results';
import type { Timeline, TimelineActivity } from '@shared/schemas/timeline';
import { AppError } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';

/**
 * Where a report's data comes from: the other features' read services, handed in by
 * app.ts (features do not import each other), each checking the caller's access. The
 * report adds no figures of its own: progress and RAG use shared/calc, budget and
 * slippage come as the budget and timeline features compute them.
 */

/** The project fields a report carries, in the order it lists them. */
const REPORT_PROJECT_FIELDS = [
  'id',
  'code',
  'title',
  'description',
  'goal',
  'status',
  'type',
  'region',
  'coverage',
  'memberStates',
  'startYear',
  'endYear',
  'plannedStart',
  'plannedEnd',
  'budget',
  'implementingOrg',
  'funder',
  'illustrative',
] as const satisfies readonly (keyof Project)[];

type ReportProject = Pick<Project, (typeof REPORT_PROJECT_FIELDS)[number]>;

function reportProject(project: Project): ReportProject {
  return Object.fromEntries(REPORT_PROJECT_FIELDS.map((field) => [field, project[field]])) as ReportProject;
}

export type ReportSources = {
  project(user: AuthUser, projectId: number): Promise<Project>;
  results(user: AuthUser, projectId: number): Promise<Results>;
  indicator(user: AuthUser, indicatorId: number): Promise<IndicatorDetail>;
  ragThresholds(user: AuthUser, projectId: number): Promise<RagThresholds>;
  timeline(user: AuthUser, projectId: number): Promise<Timeline>;
  budget(user: AuthUser, projectId: number): Promise<BudgetAnalysis>;
};

const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * One indicator as of `asOf` (the report's end, or today for the live view): only
 * approved values of periods that ended by then count, so a report for Q1 does not
 * show what was approved for Q2.
 */
function indicatorAsOf(
  detail: IndicatorDetail,
  summary: IndicatorSummary,
  outcomeCode: string | null,
  asOf: string,
  thresholds: RagThresholds,
): ReportIndicator {
  const approved = (p: IndicatorDetail['periods'][number]) => (p.value?.status === 'approved' && p.end <= asOf ? p.value : null);
  const actualOf = (p: IndicatorDetail['periods'][number]) => {
    const v = approved(p);
    if (!v) return null;
    return detail.measure === 'qualitative' ? v.score : v.value;
  };
  const input: IndicatorForProgress = {
    measure: detail.measure,
    direction: detail.direction,
    aggregation: detail.aggregation,
    baseline: detail.baseline.value,
    target: detail.target.value,
    periods: detail.periods.map((p) => ({ start: p.start, end: p.end, target: p.target, actual: actualOf(p) })),
  };
  const progress = computeOverallProgress(input);
  // Expected by the day after the end, so a period ending on asOf counts as over.
  const expected = computeExpectedPercent(input, nextDay(asOf));
  const latest = detail.periods.filter((p) => approved(p)).sort((a, b) => (a.end < b.end ? 1 : a.end > b.end ? -1 : 0))[0];
  const value = latest ? approved(latest) : null;
  const parts = value?.disaggregation ?? null;
  const disaggregation = parts && Object.keys(parts).length > 0 ? (parts as Record<string, Record<string, number | null>>) : null;
  return {
    id: detail.id,
    code: summary.code,
    level: detail.level,
    outcomeCode,
    title: detail.title,
    unit: detail.unit,
    measure: detail.measure,
    baseline: detail.baseline.value,
    baselineYear: detail.baseline.year,
    target: detail.target.value,
    actual: latest ? actualOf(latest) : null,
    actualPeriodEnd: latest?.end ?? null,
    narrative: value?.narrative ?? null,
    percent: progress.percent,
    rag: classifyRag(progress.percent, expected, thresholds),
    disaggregation,
    illustrative: detail.illustrative || !!value?.illustrative,
  };
}

function toActivity(a: TimelineActivity, outcomeCode: string): ReportActivity {
  return {
    id: a.id,
    outcomeCode,
    title: a.title,
    status: a.status,
    plannedStart: a.plannedStart,
    plannedEnd: a.plannedEnd,
    actualStart: a.actualStart,
    actualEnd: a.actualEnd,
    percentComplete: a.percentComplete,
    startSlippageDays: a.startSlippageDays,
    finishSlippageDays: a.finishSlippageDays,
    flag: a.flag,
    participants: a.participants,
    participantsSource: a.participantsSource,
    attendeeCount: a.attendeeCount,
    illustrative: a.illustrative,
  };
}

/**
 * Compiles a report's data for a project, as of `period.end` (indicators) and of now
 * (activities, milestones, budget: their state when the report is compiled, which is
 * the moment of submission for a frozen report). Without a period: the live project view.
 */
export async function compileReportData(
  sources: ReportSources,
  user: AuthUser,
  projectId: number,
  period: { start: string; end: string } | null,
  now: Date,
): Promise<ReportData> {
  const today = now.toISOString().slice(0, 10);
  const asOf = period && period.end < today ? period.end : today;
  const project = await sources.project(user, projectId);
  const results = await sources.results(user, projectId);
  const thresholds = await sources.ragThresholds(user, projectId);

  const indicators: ReportIndicator[] = [];
  const add = async (s: IndicatorSummary, outcomeCode: string | null) => {
    indicators.push(indicatorAsOf(await sources.indicator(user, s.id), s, outcomeCode, asOf, thresholds));
  };
  for (const s of results.goalIndicators) await add(s, null);
  const outcomes: ReportData['outcomes'] = [];
  for (const o of results.outcomes) {
    const first = indicators.length;
    for (const s of o.indicators) await add(s, o.code);
    for (const x of o.outputs) for (const s of x.indicators) await add(s, o.code);
    // As on the results page: the worst RAG of the outcome's own and its outputs' indicators.
    const rag: Rag = rollUpRag(indicators.slice(first).map((i) => i.rag)).rag;
    outcomes.push({ id: o.id, code: o.code, title: o.title, rag });
  }

  const timeline = await sources.timeline(user, projectId);
  const activities: ReportActivity[] = [];
  const milestones: ReportMilestone[] = [];
  for (const g of timeline.groups) {
    const all = [...g.outputs.flatMap((x) => x.activities), ...g.activities];
    for (const a of all) {
      activities.push(toActivity(a, g.outcome.code));
      for (const m of a.milestones) {
        milestones.push({
          id: m.id,
          title: m.title,
          kind: m.kind,
          activityTitle: a.title,
          dueDate: m.dueDate,
          doneDate: m.doneDate,
          status: m.status,
          illustrative: m.illustrative,
        });
      }
    }
  }
  for (const m of timeline.milestones) {
    milestones.push({
      id: m.id,
      title: m.title,
      kind: m.kind,
      activityTitle: null,
      dueDate: m.dueDate,
      doneDate: m.doneDate,
      status: m.status,
      illustrative: m.illustrative,
    });
  }
  milestones.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id));

  let budget: ReportData['budget'] = null;
  try {
    const b = await sources.budget(user, projectId);
    budget = {
      currency: b.currency,
      projectBudget: b.projectBudget,
      totals: b.totals,
      byCategory: b.byCategory.rows,
      byOutcome: b.byOutcome.rows.map(({ code, title, budget: bb, committed, spent, remaining }) => ({
        code,
        title,
        budget: bb,
        committed,
        spent,
        remaining,
      })),
      unallocatedToOutcome: b.byOutcome.unallocated,
      spentPercent: b.health.budgetSpentPercent,
      timeElapsedPercent: b.health.timeElapsedPercent,
      illustrative: b.illustrative,
    };
  } catch (err) {
    // Entries in another currency cannot be summed: the report says so rather than failing.
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
  }

  return {
    compiledAt: now.toISOString(),
    project: reportProject(project),
    outcomes,
    indicators,
    activities,
    milestones,
    budget,
    illustrative:
      project.illustrative ||
      indicators.some((i) => i.illustrative) ||
      activities.some((a) => a.illustrative) ||
      milestones.some((m) => m.illustrative) ||
      !!budget?.illustrative,
  };
}
