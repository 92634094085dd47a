const DAY_MS = 86_400_000;

/** Whole days from a to b (ISO dates); negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Today's date as YYYY-MM-DD in UTC. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export type TimeElapsed = { totalDays: number; elapsedDays: number; percent: number };

/**
 * How much of a span [start, end] (both days included) has passed on `today`,
 * clamped to 0..100 %. null when the span is unknown or inverted.
 */
export function timeElapsed(start: string | null, end: string | null, today: string): TimeElapsed | null {
  if (!start || !end) return null;
  const totalDays = daysBetween(start, end) + 1;
  if (totalDays <= 0) return null;
  const elapsedDays = Math.min(totalDays, Math.max(0, daysBetween(start, today) + 1));
  return { totalDays, elapsedDays, percent: Math.round((elapsedDays / totalDays) * 1000) / 10 };
}
