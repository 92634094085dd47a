/**
 * The range of dates Hamkori accepts anywhere: forms, API input and imports. A
 * development project's record never needs more, and a bound keeps every date-driven
 * view (the timeline above all) to a size a browser can draw.
 */
export const MIN_DATE = '1990-01-01';
export const MAX_DATE = '2100-12-31';

/**
 * The largest id or version any record can have: every table numbers its rows with a 32-bit
 * integer (PostgreSQL's integer), so a larger number in a request names nothing and is refused
 * as input rather than sent to the database.
 */
export const MAX_RECORD_NUMBER = 2_147_483_647;

/** True for an ISO date (YYYY-MM-DD) inside [MIN_DATE, MAX_DATE]; ISO dates compare as strings. */
export function isDateInRange(iso: string): boolean {
  return iso >= MIN_DATE && iso <= MAX_DATE;
}

/** The date moved into [MIN_DATE, MAX_DATE]: how a view draws a stored date from before the bound. */
export function clampDate(iso: string): string {
  return iso < MIN_DATE ? MIN_DATE : iso > MAX_DATE ? MAX_DATE : iso;
}

/** A span moved into [MIN_DATE, MAX_DATE], its end never before its start. */
export function clampSpan(span: { start: string; end: string }): { start: string; end: string } {
  const start = clampDate(span.start);
  const end = clampDate(span.end);
  return { start, end: end < start ? start : end };
}
