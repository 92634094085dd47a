import type { TFunction } from 'i18next';
import { isDependencyBroken } from '@shared/calc/timeline';
import type { Dependency, TimelineActivity } from '@shared/schemas/timeline';
import { addDays } from './gantt-scale';

export type DragMode = 'move' | 'end';

type Planned = { plannedStart: string | null; plannedEnd: string | null };

/** Planned dates moved by `delta` days (move), or with only the end moved, never before the start. */
export function shiftPlanned(a: Planned, mode: DragMode, delta: number): Planned {
  if (mode === 'end') {
    if (!a.plannedEnd) return a;
    const end = addDays(a.plannedEnd, delta);
    return { plannedStart: a.plannedStart, plannedEnd: a.plannedStart && end < a.plannedStart ? a.plannedStart : end };
  }
  return {
    plannedStart: a.plannedStart ? addDays(a.plannedStart, delta) : null,
    plannedEnd: a.plannedEnd ? addDays(a.plannedEnd, delta) : null,
  };
}

type Dated = Planned & { actualStart: string | null; actualEnd: string | null };

/** Dependencies that the proposed dates of one activity would break (a preview; the server decides after saving). */
export function brokenBy(activityId: number, proposed: Dated, dependencies: readonly Dependency[], byId: ReadonlyMap<number, Dated>): Dependency[] {
  const dates = (id: number) => (id === activityId ? proposed : byId.get(id));
  return dependencies.filter((d) => {
    if (d.from !== activityId && d.to !== activityId) return false;
    const from = dates(d.from);
    const to = dates(d.to);
    return !!from && !!to && isDependencyBroken(from, to);
  });
}

/** "Slippage in words": what the flag means for this activity, with the days it slipped. */
export function slippageText(t: TFunction, a: Pick<TimelineActivity, 'flag' | 'startSlippageDays' | 'finishSlippageDays'>): string | null {
  if (!a.flag) return null;
  if (a.flag === 'late_start') return t('timeline.slip.late_start', { count: Math.max(0, a.startSlippageDays ?? 0) });
  return t(`timeline.slip.${a.flag}`, { count: Math.max(0, a.finishSlippageDays ?? 0) });
}
