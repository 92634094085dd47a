import { useEffect, useMemo, useState } from 'react';
import { daysBetween } from '@shared/calc/dates';
import type { Timeline } from '@shared/schemas/timeline';
import { allActivities, buildRows } from './gantt-rows';
import { makeScale, zoomForDensity, type Zoom } from './gantt-scale';

export const ROW_H = 40;
/** Printed rows are lower, so that a page holds more of them. */
const PRINT_ROW_H = 28;
/** A4 landscape less 10 mm margins, in CSS pixels. */
const PRINT_WIDTH = 1000;
const PRINT_LABEL_W = 230;

function useLabelWidth(): number {
  const [narrow, setNarrow] = useState(() => typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 640px)').matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia('(max-width: 640px)');
    const sync = () => setNarrow(mq.matches);
    mq.addEventListener('change', sync);
    return () => mq.removeEventListener('change', sync);
  }, []);
  return narrow ? 150 : 290;
}

/** Starting zoom: a month view for short projects, quarters otherwise. */
export function defaultZoom(timeline: Timeline): Zoom {
  return daysBetween(timeline.span.start, timeline.span.end) < 430 ? 'month' : 'quarter';
}

/**
 * Where everything goes: the rows in order, each activity's row, and the time scale, on
 * screen at the chosen zoom or on paper scaled to the page.
 */
export function useGanttLayout(timeline: Timeline, zoom: Zoom, printing: boolean) {
  const screenLabelW = useLabelWidth();
  const labelW = printing ? PRINT_LABEL_W : screenLabelW;
  const rows = useMemo(() => buildRows(timeline), [timeline]);
  const activities = useMemo(() => allActivities(timeline), [timeline]);
  const byId = useMemo(() => new Map(activities.map((a) => [a.id, a])), [activities]);
  const rowOf = useMemo(() => new Map(rows.flatMap((r, i) => (r.kind === 'activity' ? [[r.activity.id, i] as const] : []))), [rows]);
  const scale = useMemo(
    () => (printing ? makeScale(timeline.span, 'month', PRINT_WIDTH - PRINT_LABEL_W) : makeScale(timeline.span, zoom)),
    [printing, timeline.span, zoom],
  );
  const tickUnit: Zoom = printing ? zoomForDensity(scale.pxPerDay) : zoom;
  const rowH = printing ? PRINT_ROW_H : ROW_H;
  return { rows, activities, byId, rowOf, scale, tickUnit, rowH, labelW };
}
