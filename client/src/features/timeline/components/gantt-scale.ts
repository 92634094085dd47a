import { clampSpan } from '@shared/bounds';
import { daysBetween } from '@shared/calc/dates';

export const ZOOMS = ['month', 'quarter', 'year'] as const;
export type Zoom = (typeof ZOOMS)[number];

/** Pixels per day at each zoom: about 100 px for a month, 110 px for a quarter, 165 px for a year. */
export const PX_PER_DAY: Record<Zoom, number> = { month: 3.3, quarter: 1.2, year: 0.45 };

export const DAY_MS = 86_400_000;

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function firstOfMonth(iso: string, monthsPerUnit: number): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7)) - 1;
  const m = month - (month % monthsPerUnit);
  return new Date(Date.UTC(year, m, 1)).toISOString().slice(0, 10);
}

function addMonths(iso: string, months: number): string {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7)) - 1;
  return new Date(Date.UTC(year, month + months, 1)).toISOString().slice(0, 10);
}

const MONTHS_PER: Record<Zoom, number> = { month: 1, quarter: 3, year: 12 };

/** Days on one horizontal axis: x(date) is the left edge of that day. */
export type Scale = {
  start: string;
  end: string;
  days: number;
  pxPerDay: number;
  width: number;
  x: (iso: string) => number;
  /** The date under a pixel offset (rounded down to a whole day). */
  dateAt: (px: number) => string;
  /** The date moved onto the axis: a date beyond either end becomes that end. */
  clamp: (iso: string) => string;
};

/**
 * The axis for a span, widened to whole periods of the zoom so that the first and last
 * ticks are complete. fitWidth (print) chooses pixels per day to fill that width. The
 * span is first kept within the dates the app accepts (shared/bounds.ts): a stored date
 * of year 9999 must not make a chart of eight thousand years, which no browser survives.
 */
export function makeScale(span: { start: string; end: string }, zoom: Zoom, fitWidth?: number): Scale {
  const unit = MONTHS_PER[zoom];
  const bounded = clampSpan(span);
  const start = firstOfMonth(bounded.start, unit);
  const end = addDays(addMonths(firstOfMonth(bounded.end, unit), unit), -1);
  const days = daysBetween(start, end) + 1;
  const pxPerDay = fitWidth ? fitWidth / days : PX_PER_DAY[zoom];
  return {
    start,
    end,
    days,
    pxPerDay,
    width: Math.ceil(days * pxPerDay),
    x: (iso) => daysBetween(start, iso) * pxPerDay,
    dateAt: (px) => addDays(start, Math.floor(px / pxPerDay)),
    clamp: (iso) => (iso < start ? start : iso > end ? end : iso),
  };
}

/** The zoom whose ticks read best at a given density (used when printing fits the page). */
export function zoomForDensity(pxPerDay: number): Zoom {
  if (pxPerDay >= 2.5) return 'month';
  if (pxPerDay >= 0.8) return 'quarter';
  return 'year';
}

export type Tick = { start: string; x: number; width: number; year: number; month: number };

/** One tick per period of `unit` across the scale. */
export function ticks(scale: Scale, unit: Zoom): Tick[] {
  const out: Tick[] = [];
  const step = MONTHS_PER[unit];
  for (let at = firstOfMonth(scale.start, step); at <= scale.end; at = addMonths(at, step)) {
    const next = addMonths(at, step);
    const from = at < scale.start ? scale.start : at;
    const x = scale.x(from);
    out.push({
      start: at,
      x,
      width: scale.x(next > scale.end ? addDays(scale.end, 1) : next) - x,
      year: Number(at.slice(0, 4)),
      month: Number(at.slice(5, 7)),
    });
  }
  return out;
}

/** Where a bar is drawn; cutStart and cutEnd say that it goes on beyond that edge of the axis. */
export type Box = { left: number; width: number; cutStart: boolean; cutEnd: boolean };

/** Left and width of an inclusive date range [from, to] (to null: a single day), cut to the axis. */
export function span(scale: Scale, from: string, to: string | null): Box {
  const last = to && to >= from ? to : from;
  const left = scale.x(scale.clamp(from));
  const right = scale.x(scale.clamp(last)) + scale.pxPerDay;
  // Short events stay wide enough to see, point at and drag.
  return { left, width: Math.max(6, right - left), cutStart: from < scale.start, cutEnd: last > scale.end };
}
