import { asc, eq } from 'drizzle-orm';
import { computePercentage } from '@shared/calc/indicator-progress';
import { generateReportingPeriods, projectReportingSpan, type DateSpan } from '@shared/calc/reporting-periods';
import { first, type Db } from '../db/client';
import { outcomes, outputs, projects, users } from '../db/schema';
import { createIndicatorsTables } from '../repositories/indicators.repository';
import { ce0219Plan, followUpPlan, type SeedIndicator } from './demo-indicator-plans';

const ILLUSTRATIVE_NOTE = 'Illustrative demo value: not from the published record.';

const timestamp = (date: string, days: number) => new Date(Date.parse(`${date}T10:00:00Z`) + days * 86_400_000).toISOString();

async function insertIndicators(db: Db, projectId: number, span: DateSpan, plan: SeedIndicator[], people: { manager: number; admin: number }) {
  const owner = createIndicatorsTables(db);
  const positions = new Map<string, number>();
  for (const s of plan) {
    const outcomeId = typeof s.parent === 'object' && 'outcomeId' in s.parent ? s.parent.outcomeId : null;
    const outputId = typeof s.parent === 'object' && 'outputId' in s.parent ? s.parent.outputId : null;
    const key = `${outcomeId}/${outputId}`;
    const position = (positions.get(key) ?? 0) + 1;
    positions.set(key, position);
    const indicatorId = (
      await owner.insertIndicator({
        projectId,
        outcomeId,
        outputId,
        title: s.title,
        definition: s.definition,
        unit: s.unit,
        measure: s.measure,
        direction: 'higher_is_better',
        aggregation: s.aggregation,
        baselineValue: s.baseline.value,
        baselineYear: s.baseline.year,
        baselineComment: s.baseline.comment,
        targetValue: s.target,
        targetComment: s.targetComment ?? '',
        frequency: s.frequency,
        disaggregations: s.disaggregations ?? [],
        meansOfVerification: s.meansOfVerification,
        dataSource: s.dataSource,
        responsible: s.responsible,
        position,
        illustrative: true,
      })
    ).id;

    for (const [i, period] of (s.customPeriods ?? generateReportingPeriods(s.frequency, span)).entries()) {
      const planned = s.periods[i];
      const periodId = (await owner.insertPeriod({ projectId, indicatorId, ...period, target: planned?.target ?? null })).id;
      const v = planned?.value;
      if (!v) continue;
      const status = v.status ?? 'approved';
      const value = v.numerator !== undefined && v.denominator !== undefined ? computePercentage(v.numerator, v.denominator) : (v.value ?? null);
      const submitted = status !== 'draft';
      const reviewed = status === 'approved' || status === 'returned';
      await owner.insertValue({
        projectId,
        periodId,
        status,
        value,
        numerator: v.numerator ?? null,
        denominator: v.denominator ?? null,
        narrative: v.narrative ?? null,
        score: v.score ?? null,
        disaggregation: v.disaggregation ?? null,
        comment: v.comment ? `${v.comment} ${ILLUSTRATIVE_NOTE}` : ILLUSTRATIVE_NOTE,
        complete: v.disaggregation !== undefined,
        reviewNote: v.reviewNote ?? '',
        createdBy: people.manager,
        submittedBy: submitted ? people.manager : null,
        submittedAt: submitted ? timestamp(period.end, 10) : null,
        reviewedBy: reviewed ? people.admin : null,
        reviewedAt: reviewed ? timestamp(period.end, 20) : null,
        illustrative: true,
      });
    }
  }
}

async function projectByCode(db: Db, code: string) {
  const project = await first(db.select().from(projects).where(eq(projects.code, code)));
  if (!project) throw new Error(`Seed: project ${code} is missing`);
  const outcomeIds = (
    await db.select({ id: outcomes.id }).from(outcomes).where(eq(outcomes.projectId, project.id)).orderBy(asc(outcomes.position))
  ).map((o) => o.id);
  const outputsOf = async (outcomeId: number) =>
    (await db.select({ id: outputs.id }).from(outputs).where(eq(outputs.outcomeId, outcomeId)).orderBy(asc(outputs.position))).map((o) => o.id);
  return { project, outcomeIds, outputsOf, span: projectReportingSpan(project) };
}

/**
 * Indicators, periods and values for the demo projects. Everything here is illustrative
 * (the published record of CE.0219 states no indicators) and is flagged so.
 */
export async function seedIndicators(db: Db, today: string): Promise<void> {
  const person = async (email: string) => (await first(db.select({ id: users.id }).from(users).where(eq(users.email, email))))?.id;
  const manager = await person('manager@example.org');
  const admin = await person('admin@example.org');
  if (manager === undefined || admin === undefined) throw new Error('Seed: demo accounts are missing');

  const ce = await projectByCode(db, 'CE.0219');
  const [c1, c2] = ce.outcomeIds;
  if (c1 === undefined || c2 === undefined) throw new Error('Seed: CE.0219 outcomes are missing');
  await insertIndicators(db, ce.project.id, ce.span, ce0219Plan(c1, c2), { manager, admin });

  const next = await projectByCode(db, 'DEMO-TJ-02');
  const [o1, o2] = next.outcomeIds;
  if (o1 === undefined || o2 === undefined) throw new Error('Seed: the follow-up outcomes are missing');
  const [o11, o12] = await next.outputsOf(o1);
  const [o21] = await next.outputsOf(o2);
  if (o11 === undefined || o12 === undefined || o21 === undefined) {
    throw new Error('Seed: the follow-up framework is missing');
  }
  const periods = generateReportingPeriods('quarterly', next.span);
  await insertIndicators(db, next.project.id, next.span, followUpPlan({ o1, o2, o11, o12, o21 }, periods, today), { manager, admin });
}
