import type { Milestone, Timeline, TimelineActivity } from '@shared/schemas/timeline';

export type GanttRow =
  | { kind: 'project'; key: string; milestones: Milestone[] }
  | { kind: 'outcome'; key: string; code: string; title: string }
  | { kind: 'output'; key: string; code: string; title: string }
  | { kind: 'activity'; key: string; activity: TimelineActivity; depth: 1 | 2; code: string };

/**
 * The chart's rows from top to bottom: project milestones, then each outcome with the
 * activities placed directly under it, then each of its outputs with theirs.
 */
export function buildRows(timeline: Timeline): GanttRow[] {
  const rows: GanttRow[] = [];
  if (timeline.milestones.length > 0) rows.push({ kind: 'project', key: 'project', milestones: timeline.milestones });
  for (const g of timeline.groups) {
    rows.push({ kind: 'outcome', key: `o${g.outcome.id}`, code: g.outcome.code, title: g.outcome.title });
    for (const a of g.activities) rows.push({ kind: 'activity', key: `a${a.id}`, activity: a, depth: 1, code: g.outcome.code });
    for (const o of g.outputs) {
      rows.push({ kind: 'output', key: `p${o.output.id}`, code: o.output.code, title: o.output.title });
      for (const a of o.activities) rows.push({ kind: 'activity', key: `a${a.id}`, activity: a, depth: 2, code: o.output.code });
    }
  }
  return rows;
}

export function allActivities(timeline: Timeline): TimelineActivity[] {
  return timeline.groups.flatMap((g) => [...g.activities, ...g.outputs.flatMap((o) => o.activities)]);
}

/** The actual bar runs to the actual end, or to today while the activity is under way. */
export function actualRange(a: TimelineActivity, today: string): { from: string; to: string; open: boolean } | null {
  if (!a.actualStart) return null;
  if (a.actualEnd) return { from: a.actualStart, to: a.actualEnd, open: false };
  const to = today > a.actualStart ? today : a.actualStart;
  return { from: a.actualStart, to, open: a.status !== 'completed' && a.status !== 'cancelled' };
}
