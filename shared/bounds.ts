/**
 * The range of dates Hamkori accepts anywhere: forms, API input and imports. A
 * development project's record never needs more, and a bound keeps every date-driven
 * view (the timeline above all) to a size a browser can draw.
 */
export const MIN_DATE = '1990-01-01';
export const MAX_DATE = '2100-12-31';

/** True for an ISO date (YYYY-MM-DD) inside [MIN_DATE, MAX_DATE]; ISO dates compare as strings. */
export function isDateInRange(iso: string): boolean {
  return iso >= MIN_DATE && iso <= MAX_DATE;
}
