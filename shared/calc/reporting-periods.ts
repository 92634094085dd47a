import type { ReportingFrequency } from '../enums';

/** A span of days, ISO dates, both ends included. */
export type DateSpan = { start: string; end: string };

const MONTHS_PER_PERIOD: Record<Exclude<ReportingFrequency, 'custom'>, number> = {
  quarterly: 3,
  semi_annual: 6,
  annual: 12,
};

/** More periods than this means a wrong span, not a real reporting plan. */
export const MAX_GENERATED_PERIODS = 400;

const isoDate = (year: number, monthIndex: number, day: number) => new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);

/**
 * The span a project's indicators report over: its planned dates when known, otherwise
 * its whole start and end years (the published record may only give years).
 */
export function projectReportingSpan(project: {
  startYear: number;
  endYear: number;
  plannedStart: string | null;
  plannedEnd: string | null;
}): DateSpan {
  return {
    start: project.plannedStart ?? `${project.startYear}-01-01`,
    end: project.plannedEnd ?? `${project.endYear}-12-31`,
  };
}

/**
 * Reporting periods for a frequency within [start, end]. Periods follow calendar
 * quarters, halves or years, because that is how reports are asked for; the first and
 * last are cut to the span. Custom frequency (or an inverted span) generates nothing.
 */
export function generateReportingPeriods(frequency: ReportingFrequency, span: DateSpan): DateSpan[] {
  if (frequency === 'custom' || span.end < span.start) return [];
  const step = MONTHS_PER_PERIOD[frequency];
  const year = Number(span.start.slice(0, 4));
  const firstMonth = Math.floor((Number(span.start.slice(5, 7)) - 1) / step) * step;
  const periods: DateSpan[] = [];
  for (let i = 0; i < MAX_GENERATED_PERIODS; i++) {
    const month = firstMonth + i * step;
    const blockStart = isoDate(year, month, 1);
    if (blockStart > span.end) break;
    // Day 0 of the next block is the last day of this one.
    const blockEnd = isoDate(year, month + step, 0);
    periods.push({
      start: blockStart < span.start ? span.start : blockStart,
      end: blockEnd > span.end ? span.end : blockEnd,
    });
  }
  return periods;
}

/** True when two spans share at least one day. */
export function spansOverlap(a: DateSpan, b: DateSpan): boolean {
  return a.start <= b.end && b.start <= a.end;
}
