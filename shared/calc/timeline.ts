import type { ActivityStatus } from '../enums';
import type { Participants } from '../schemas/activity';
import { daysBetween } from './dates';

type Dated = { plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null };
type Scheduled = Dated & { status: ActivityStatus };

/** Where an activity starts on the timeline: its actual start once known, else the planned one. */
export function effectiveStart(a: Dated): string | null {
  return a.actualStart ?? a.plannedStart;
}

/** Where an activity ends on the timeline: its actual end once known, else the planned one. */
export function effectiveEnd(a: Dated): string | null {
  return a.actualEnd ?? a.plannedEnd;
}

/**
 * A finish-to-start dependency is broken when the successor starts (actual, else planned)
 * before the predecessor ends (actual, else planned). Starting on the day the predecessor
 * ends is allowed; a missing date never breaks anything.
 */
export function isDependencyBroken(predecessor: Dated, successor: Dated): boolean {
  const end = effectiveEnd(predecessor);
  const start = effectiveStart(successor);
  return end !== null && start !== null && start < end;
}

export type DependencyEdge = { from: number; to: number };

/**
 * The cycle that adding the edge from → to would close, as activity ids starting and
 * ending with `from` (e.g. [1, 2, 3, 1]), or null when the graph stays acyclic.
 */
export function findCycle(edges: readonly DependencyEdge[], from: number, to: number): number[] | null {
  if (from === to) return [from, from];
  const successors = new Map<number, number[]>();
  for (const e of edges) {
    const list = successors.get(e.from);
    if (list) list.push(e.to);
    else successors.set(e.from, [e.to]);
  }
  // Breadth-first from `to`: reaching `from` means from → to → … → from.
  const cameFrom = new Map<number, number>([[to, to]]);
  const queue = [to];
  while (queue.length > 0) {
    const node = queue.shift() as number;
    if (node === from) {
      const path = [from];
      let at = from;
      while (at !== to) {
        at = cameFrom.get(at) as number;
        path.unshift(at);
      }
      return [from, ...path];
    }
    for (const next of successors.get(node) ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, node);
      queue.push(next);
    }
  }
  return null;
}

export const PARTICIPANT_FIELDS = ['women', 'men', 'government', 'diaspora', 'civilSociety', 'international'] as const;

/** Field-wise sum; a field stays null (not recorded) only when it is null everywhere. */
export function sumParticipants(list: readonly Participants[]): Participants {
  const total: Participants = { women: null, men: null, government: null, diaspora: null, civilSociety: null, international: null };
  for (const p of list) {
    for (const f of PARTICIPANT_FIELDS) {
      const v = p[f];
      if (v !== null) total[f] = (total[f] ?? 0) + v;
    }
  }
  return total;
}

/**
 * The participants an activity shows: the sum of its sub-events when it has any (each
 * trust-building event, seminar or study-tour leg counts its own people), else its own counts.
 */
export function rollUpParticipants(
  own: Participants,
  subEvents: readonly { participants: Participants }[],
): { participants: Participants; fromSubEvents: boolean } {
  if (subEvents.length === 0) return { participants: own, fromSubEvents: false };
  return { participants: sumParticipants(subEvents.map((s) => s.participants)), fromSubEvents: true };
}

export const MILESTONE_STATUSES = ['upcoming', 'overdue', 'done', 'done_late'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Derived, never stored: done (on time or late), or not done and due later or overdue. */
export function milestoneStatus(m: { dueDate: string; doneDate: string | null }, today: string): MilestoneStatus {
  if (m.doneDate) return m.doneDate > m.dueDate ? 'done_late' : 'done';
  return m.dueDate < today ? 'overdue' : 'upcoming';
}

/**
 * Days the finish slipped past the planned end (negative: early). A finished activity
 * counts to its actual end; an unfinished one past its planned end counts to today.
 * null without a planned end or for cancelled activities.
 */
export function finishSlippageDays(a: Scheduled, today: string): number | null {
  if (!a.plannedEnd || a.status === 'cancelled') return null;
  if (a.actualEnd) return daysBetween(a.plannedEnd, a.actualEnd);
  if (a.status !== 'completed' && a.plannedEnd < today) return daysBetween(a.plannedEnd, today);
  return 0;
}

/**
 * Days the start slipped past the planned start (negative: early). An activity that has
 * not started although its planned start has passed counts to today.
 */
export function startSlippageDays(a: Scheduled, today: string): number | null {
  if (!a.plannedStart || a.status === 'cancelled') return null;
  if (a.actualStart) return daysBetween(a.plannedStart, a.actualStart);
  if (a.status === 'planned' && a.plannedStart < today) return daysBetween(a.plannedStart, today);
  return 0;
}

/** The earliest and latest of the dates given, widened to include the fallback span. */
export function widenSpan(span: { start: string; end: string }, dates: readonly (string | null | undefined)[]) {
  let { start, end } = span;
  for (const d of dates) {
    if (!d) continue;
    if (d < start) start = d;
    if (d > end) end = d;
  }
  return { start, end };
}
