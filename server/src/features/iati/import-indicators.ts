import { isDisaggregationComplete } from '@shared/calc/disaggregation';
import type { IndicatorRow, PeriodRow } from './iati.repository';
import type { PlannedIndicator, PlannedPeriod } from './import-indicator-plan';
import { assertUpdated, type ImportStep } from './import-step';
import { clip } from './xml';

type Parent = { outcomeId: number | null; outputId: number | null };

/** Indicators, their periods and approved values, one parent's list at a time; new indicators go to the end of the project's order. */
export function importIndicators(step: ImportStep): (list: PlannedIndicator[], parent: Parent) => Promise<void> {
  const { plan, record, out, write } = step;
  const tables = step.repo.tables.indicators;
  let position = Math.max(0, ...(record?.indicators ?? []).map((i) => i.position));
  return async (list, parent) => {
    for (const pi of list) {
      const have = (record?.indicators ?? []).find(
        (i) => i.title === pi.title && i.outcomeId === parent.outcomeId && i.outputId === parent.outputId,
      ) as IndicatorRow | undefined;
      const lastTarget = [...pi.periods].reverse().find((x) => x.target !== null)?.target ?? null;
      const columns = {
        title: pi.title,
        definition: pi.definition,
        measure: pi.measure,
        direction: pi.direction,
        baselineValue: pi.baseline?.value ?? null,
        baselineYear: pi.baseline?.year ?? null,
        baselineComment: pi.baseline?.comment ?? '',
        disaggregations: pi.dimensions,
      };
      let indicatorId: number;
      if (have) {
        indicatorId = have.id;
        const changed = Object.entries(columns).some(([k, v]) => JSON.stringify((have as Record<string, unknown>)[k]) !== JSON.stringify(v));
        if (changed) {
          out.indicators.update += 1;
          if (write) {
            const changes = { ...columns, disaggregations: [...new Set([...have.disaggregations, ...pi.dimensions])] };
            assertUpdated(await tables.updateIndicatorVersioned(have.id, have.version, changes), have);
            await step.audit('indicator', have.id, 'update', have, { ...have, ...changes });
          }
        } else out.indicators.unchanged += 1;
      } else {
        position += 1;
        const at = position;
        indicatorId = await step.create(async () => {
          const row = await tables.insertIndicator({
            projectId: step.projectId,
            ...parent,
            ...columns,
            aggregation: 'cumulative',
            frequency: 'custom',
            // IATI has no life-of-project target; the last period's is the nearest thing.
            targetValue: lastTarget,
            position: at,
            illustrative: plan.illustrativeParts,
          });
          await step.audit('indicator', row.id, 'create', null, row);
          return row.id;
        });
        out.indicators.create += 1;
      }
      const periods = (record?.periods ?? []).filter((x) => x.indicatorId === indicatorId);
      for (const pp of pi.periods) await importPeriod(step, pi, indicatorId, periods, pp);
    }
  };
}

/** One period of an indicator and its approved value; an approved period keeps its target and a period with a value keeps it. */
async function importPeriod(step: ImportStep, pi: PlannedIndicator, indicatorId: number, periods: PeriodRow[], pp: PlannedPeriod): Promise<void> {
  const { plan, record, out, write, user, now, projectId } = step;
  const tables = step.repo.tables.indicators;
  const same = periods.find((x) => x.start === pp.start && x.end === pp.end);
  let periodId: number;
  if (same) {
    periodId = same.id;
    const changed = same.target !== pp.target || JSON.stringify(same.targetDisaggregation ?? null) !== JSON.stringify(pp.targetParts);
    const locked = record?.approved.has(same.id);
    if (changed && locked) out.warnings.push(`"${clip(pi.title)}" ${pp.start}: the period's value is approved, so its target was kept`);
    else if (changed) {
      out.periods.update += 1;
      if (write) {
        const changes = { target: pp.target, targetDisaggregation: pp.targetParts };
        assertUpdated(await tables.updatePeriodVersioned(same.id, same.version, changes), same);
        await step.audit('indicator_period', same.id, 'update', same, { ...same, ...changes });
      }
    } else out.periods.unchanged += 1;
  } else {
    if (periods.some((x) => x.start <= pp.end && pp.start <= x.end)) {
      out.warnings.push(`"${clip(pi.title)}" ${pp.start} – ${pp.end} overlaps a period the indicator has; left out`);
      return;
    }
    periodId = await step.create(async () => {
      const row = await tables.insertPeriod({
        projectId,
        indicatorId,
        start: pp.start,
        end: pp.end,
        target: pp.target,
        targetDisaggregation: pp.targetParts,
      });
      await step.audit('indicator_period', row.id, 'create', null, row);
      return row.id;
    });
    out.periods.create += 1;
  }
  if (!pp.actual) return;
  const current = write || same ? (periodId > 0 ? await step.repo.valueOfPeriod(periodId) : undefined) : undefined;
  const isQualitative = pi.measure === 'qualitative';
  const value = isQualitative ? null : pp.actual.value;
  const score = isQualitative && pp.actual.value !== null ? Math.min(5, Math.max(1, pp.actual.value)) : null;
  if (current) {
    const unchanged =
      current.value === value && current.score === score && (current.narrative ?? null) === (isQualitative ? pp.actual.narrative : null);
    if (unchanged && current.status === 'approved') out.values.unchanged += 1;
    else out.warnings.push(`"${clip(pi.title)}" ${pp.start}: the period already has a value (${current.status}); it was kept`);
    return;
  }
  out.values.create += 1;
  if (!write) return;
  const row = await tables.insertValue({
    projectId,
    periodId,
    status: 'approved',
    value,
    score,
    narrative: isQualitative ? (pp.actual.narrative ?? '') : null,
    disaggregation: pp.actual.parts,
    complete: isDisaggregationComplete(value, pp.actual.parts, pi.dimensions),
    reviewNote: 'Imported from IATI',
    createdBy: user.id,
    submittedBy: user.id,
    submittedAt: now,
    reviewedBy: user.id,
    reviewedAt: now,
    illustrative: plan.illustrativeParts,
  });
  await step.audit('indicator_value', row.id, 'create', null, row);
}
