import { ACTIVITY_STATUSES, type ActivityStatus } from '../enums';
import type { Activity } from '../schemas/activity';
import { daysBetween, timeElapsed, type TimeElapsed } from './dates';

type Scheduled = Pick<Activity, 'status' | 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd'>;

/**
 * Derived from dates, never stored: an activity past its planned end and not finished
 * is overdue; one that finished after its planned end finished late; one that has not
 * started although its planned start has passed starts late.
 */
export type ScheduleFlag = 'overdue' | 'finished_late' | 'late_start';

export function scheduleFlag(a: Scheduled, today: string): ScheduleFlag | null {
  if (a.status === 'cancelled') return null;
  if (a.actualEnd && a.plannedEnd && a.actualEnd > a.plannedEnd) return 'finished_late';
  if (a.status !== 'completed' && a.plannedEnd && a.plannedEnd < today) return 'overdue';
  if (a.status === 'planned' && !a.actualStart && a.plannedStart && a.plannedStart < today) return 'late_start';
  return null;
}

/** Planned duration in days (both ends included), or null when the dates are not set. */
export function plannedDurationDays(a: Pick<Activity, 'plannedStart' | 'plannedEnd'>): number | null {
  if (!a.plannedStart || !a.plannedEnd) return null;
  return Math.max(1, daysBetween(a.plannedStart, a.plannedEnd) + 1);
}

export function countByStatus(activities: readonly Pick<Activity, 'status'>[]): Record<ActivityStatus, number> {
  const counts = Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, 0])) as Record<ActivityStatus, number>;
  for (const a of activities) counts[a.status] += 1;
  return counts;
}

/**
 * Percent complete of a set of activities, each weighted by its planned duration.
 * Cancelled activities do not count. An activity without planned dates weighs as
 * much as the average dated one (or 1 when none is dated). null when nothing counts.
 */
export function weightedPercentComplete(
  activities: readonly Pick<Activity, 'status' | 'percentComplete' | 'plannedStart' | 'plannedEnd'>[],
): number | null {
  const counted = activities.filter((a) => a.status !== 'cancelled');
  if (counted.length === 0) return null;
  const durations = counted.map(plannedDurationDays);
  const known = durations.filter((d): d is number => d !== null);
  const fallback = known.length > 0 ? known.reduce((s, d) => s + d, 0) / known.length : 1;
  let weighted = 0;
  let total = 0;
  counted.forEach((a, i) => {
    const w = durations[i] ?? fallback;
    const pct = a.status === 'completed' ? 100 : a.percentComplete;
    weighted += w * pct;
    total += w;
  });
  return Math.round((weighted / total) * 10) / 10;
}

type ProjectSpan = { plannedStart: string | null; plannedEnd: string | null; startYear: number; endYear: number };

/** The project's span as dates: exact dates when known, else whole start and end years. */
export function projectSpan(p: ProjectSpan): { start: string; end: string } {
  return {
    start: p.plannedStart ?? `${p.startYear}-01-01`,
    end: p.plannedEnd ?? `${p.endYear}-12-31`,
  };
}

export type ProjectSummary = {
  byStatus: Record<ActivityStatus, number>;
  activityCount: number;
  percentComplete: number | null;
  timeElapsed: TimeElapsed | null;
  flagged: number;
};

/** The status summary shown on a project's overview. */
export function summariseProject(project: ProjectSpan, activities: readonly Activity[], today: string): ProjectSummary {
  const span = projectSpan(project);
  return {
    byStatus: countByStatus(activities),
    activityCount: activities.length,
    percentComplete: weightedPercentComplete(activities),
    timeElapsed: timeElapsed(span.start, span.end, today),
    flagged: activities.filter((a) => scheduleFlag(a, today) !== null).length,
  };
}
