/** A budget over time: the burn rate, and actual and planned spending month by month. */
import { isIsoDate } from '../schemas/common';
import { assertMinor, type Expenditure } from './budget';
import { timeElapsed } from './dates';
import { roundHalfEven } from './fx';

export type BurnRate = {
  /** Share of the span's days passed, both ends included, as on the project overview (1 decimal). */
  elapsedPercent: number;
  /** spent / budget, 1 decimal, half-even; null when the budget is not positive. */
  spentPercent: number | null;
  /** spentPercent - elapsedPercent: above 0 spends ahead of time, below 0 behind. */
  gapPercent: number | null;
  /** Spending at the end if it keeps its pace so far; null before the span starts. */
  forecastAtCompletionMinor: bigint | null;
};

function assertIsoDate(s: string, what: string): void {
  if (!isIsoDate(s)) throw new RangeError(`${what} must be a date written YYYY-MM-DD, got ${s}`);
}

/**
 * How spending keeps pace with time over [start, end] on `today`. The forecast is
 * spent × totalDays / elapsedDays from whole days, rounded half-even to a minor unit.
 * Throws RangeError on invalid dates or end before start.
 */
export function burnRate(input: { spentMinor: bigint; budgetMinor: bigint; start: string; end: string; today: string }): BurnRate {
  const { spentMinor, budgetMinor, start, end, today } = input;
  assertIsoDate(start, 'Start');
  assertIsoDate(end, 'End');
  assertIsoDate(today, 'Today');
  const elapsed = timeElapsed(start, end, today);
  if (!elapsed) throw new RangeError(`End ${end} is before start ${start}`);

  const elapsedTenths = Math.round(elapsed.percent * 10);
  const spentTenths = budgetMinor > 0n ? Number(roundHalfEven(spentMinor * 1000n, budgetMinor)) : null;
  const forecast = elapsed.elapsedDays > 0 ? roundHalfEven(spentMinor * BigInt(elapsed.totalDays), BigInt(elapsed.elapsedDays)) : null;
  return {
    elapsedPercent: elapsedTenths / 10,
    spentPercent: spentTenths === null ? null : spentTenths / 10,
    gapPercent: spentTenths === null ? null : (spentTenths - elapsedTenths) / 10,
    forecastAtCompletionMinor: forecast,
  };
}

export type SpendPoint = { period: string; spentMinor: bigint; cumulativeMinor: bigint };

function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** One running sum per calendar month from the month of `start` to the month of `end`, both included. */
function monthSlots(start: string, end: string, granularity: 'month'): { first: number; sums: bigint[] } {
  if (granularity !== 'month') throw new RangeError(`Unsupported granularity ${String(granularity)}`);
  assertIsoDate(start, 'Start');
  assertIsoDate(end, 'End');
  if (end < start) throw new RangeError(`End ${end} is before start ${start}`);
  const first = monthIndex(start);
  return { first, sums: new Array<bigint>(monthIndex(end) - first + 1).fill(0n) };
}

/** The monthly sums as points with their month's label and the running total. */
function cumulate<T>(first: number, sums: bigint[], point: (period: string, minor: bigint, cumulativeMinor: bigint) => T): T[] {
  let cumulative = 0n;
  return sums.map((minor, i) => {
    cumulative += minor;
    return point(monthLabel(first + i), minor, cumulative);
  });
}

/**
 * Spending per calendar month from the month of `start` to the month of `end`, both
 * included, with months without spending as 0. Only expenditures count (not commitments);
 * entries dated outside those months are left out, so pass the span you want charted.
 * Throws RangeError on invalid dates, end before start, or non-integer amounts.
 */
export function cumulativeSpendSeries(entries: readonly Expenditure[], start: string, end: string, granularity: 'month'): SpendPoint[] {
  const { first, sums: spent } = monthSlots(start, end, granularity);
  for (const e of entries) {
    assertIsoDate(e.date, `Date of entry ${e.id}`);
    assertMinor(e.amountMinor, `Amount of entry ${e.id}`);
    if (e.type !== 'expenditure') continue;
    const i = monthIndex(e.date) - first;
    if (i < 0 || i >= spent.length) continue;
    spent[i] = (spent[i] ?? 0n) + BigInt(e.amountMinor);
  }
  return cumulate(first, spent, (period, spentMinor, cumulativeMinor) => ({ period, spentMinor, cumulativeMinor }));
}

/** A budget amount planned to be spent evenly over the days of [start, end], both included. */
export type PlannedAllocation = { amountMinor: number; start: string; end: string };
export type PlannedPoint = { period: string; plannedMinor: bigint; cumulativeMinor: bigint };

function daysInMonth(index: number): number {
  const year = Math.floor(index / 12);
  const month = index % 12;
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function dayOfMonth(date: string): number {
  return Number(date.slice(8, 10));
}

/**
 * Planned spending per calendar month from the month of `start` to the month of `end`:
 * each allocation is spread over its days, and its monthly parts are whole minor units
 * that add up exactly to its amount (largest remainder, ties to the earlier month).
 * Parts falling in months outside the range are left out, as in cumulativeSpendSeries.
 * Throws RangeError on invalid dates, inverted spans or negative or non-integer amounts.
 */
export function plannedSpendSeries(allocations: readonly PlannedAllocation[], start: string, end: string, granularity: 'month'): PlannedPoint[] {
  const { first, sums: planned } = monthSlots(start, end, granularity);
  for (const a of allocations) {
    assertMinor(a.amountMinor, 'Planned amount');
    if (a.amountMinor < 0) throw new RangeError(`Planned amount must not be negative, got ${a.amountMinor}`);
    assertIsoDate(a.start, 'Allocation start');
    assertIsoDate(a.end, 'Allocation end');
    if (a.end < a.start) throw new RangeError(`Allocation end ${a.end} is before its start ${a.start}`);
    const from = monthIndex(a.start);
    const to = monthIndex(a.end);
    const days: number[] = [];
    for (let m = from; m <= to; m++) {
      const firstDay = m === from ? dayOfMonth(a.start) : 1;
      const lastDay = m === to ? dayOfMonth(a.end) : daysInMonth(m);
      days.push(lastDay - firstDay + 1);
    }
    const totalDays = BigInt(days.reduce((s, d) => s + d, 0));
    const amount = BigInt(a.amountMinor);
    const parts = days.map((d) => (amount * BigInt(d)) / totalDays);
    const rests = days.map((d, i) => ({ i, rest: (amount * BigInt(d)) % totalDays }));
    let left = amount - parts.reduce((s, p) => s + p, 0n);
    rests.sort((x, y) => (x.rest === y.rest ? x.i - y.i : x.rest > y.rest ? -1 : 1));
    for (const { i } of rests) {
      if (left === 0n) break;
      parts[i] = (parts[i] ?? 0n) + 1n;
      left -= 1n;
    }
    parts.forEach((p, k) => {
      const i = from + k - first;
      if (i < 0 || i >= planned.length) return;
      planned[i] = (planned[i] ?? 0n) + p;
    });
  }
  return cumulate(first, planned, (period, plannedMinor, cumulativeMinor) => ({ period, plannedMinor, cumulativeMinor }));
}
