import { z } from 'zod';
import { isDateInRange, MAX_DATE, MAX_RECORD_NUMBER, MIN_DATE } from '../bounds';
import { asZodIssue, issue, type Issue } from '../issues';

/** A numeric id as it arrives in a URL path or query string. */
export const IdSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'Must be a positive whole number')
  .transform(Number)
  .refine((n) => n <= MAX_RECORD_NUMBER, `Must be at most ${MAX_RECORD_NUMBER}`);

/** A record's id in a request body. */
export const RecordIdSchema = z.number().int().positive().max(MAX_RECORD_NUMBER);

export const IdParams = z.strictObject({ id: IdSchema });
export type IdParams = z.infer<typeof IdParams>;

/** True when s is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  // Called for every dated row a view computes over, so it does arithmetic rather than build a Date.
  if (!ISO_DATE.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(5, 7));
  const day = Number(s.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why s is not a date the app accepts (date.invalid, date.out_of_range), or null when it is one. */
export function isoDateIssue(s: string): Issue | null {
  if (!isIsoDate(s)) return issue('date.invalid');
  return isDateInRange(s) ? null : issue('date.out_of_range', { min: MIN_DATE, max: MAX_DATE });
}

/**
 * A calendar date at the API boundary: YYYY-MM-DD, a day that exists, and within
 * [MIN_DATE, MAX_DATE] (shared/bounds.ts), so that no view has to draw thousands of years.
 */
export const IsoDateSchema = z.string().superRefine((s, ctx) => {
  const problem = isoDateIssue(s);
  if (problem) ctx.addIssue({ code: 'custom', ...asZodIssue(problem) });
});

/** Every editable record carries its version; a write must send the version it read. */
export const VersionSchema = z.number().int().min(1).max(MAX_RECORD_NUMBER);

export const VersionQuery = z.strictObject({
  version: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'Must be a positive whole number')
    .transform(Number)
    .refine((n) => n <= MAX_RECORD_NUMBER, `Must be at most ${MAX_RECORD_NUMBER}`),
});

/** A year of a project's span or a baseline, within the years of [MIN_DATE, MAX_DATE]. */
export const YearSchema = z
  .number()
  .int()
  .min(Number(MIN_DATE.slice(0, 4)))
  .max(Number(MAX_DATE.slice(0, 4)));

export const PageQueryFields = {
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/)
    .transform(Number)
    .optional(),
  pageSize: z
    .string()
    .regex(/^[1-9]\d{0,2}$/)
    .transform(Number)
    .refine((n) => n <= 200, 'At most 200')
    .optional(),
};

/** Lists always answer { items, total }. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const UserRefSchema = z.object({ id: z.number().int(), name: z.string() });
export type UserRef = z.infer<typeof UserRefSchema>;

/**
 * True when the text holds no control character: none of C0 but tab, LF and CR, nor DEL,
 * nor C1. A NUL cuts a string short in other programs, and the rest are invisible in a
 * form and in a report.
 */
export function hasNoControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return false;
  }
  return true;
}

/** Tab and line breaks, which a single line cannot show: each run becomes one space. */
const LINE_BREAKS = /[\t\n\r]+/g;

const withoutControlCharacters = () => z.string().refine(hasNoControlCharacters, asZodIssue(issue('text.control_characters')));

/**
 * Trimmed single-line text, empty allowed (a place, a payee, a search): control characters
 * are refused, and a tab or line break (pasted, or in a cell of an imported file) becomes a space.
 */
export function lineText(max: number) {
  return withoutControlCharacters()
    .transform((s) => s.replace(LINE_BREAKS, ' ').trim())
    .pipe(z.string().max(max, `At most ${max} characters`));
}

/** Trimmed, non-empty single-line text: a title, a name. As lineText otherwise. */
export function textField(max: number) {
  return withoutControlCharacters()
    .transform((s) => s.replace(LINE_BREAKS, ' ').trim())
    .pipe(z.string().min(1, 'Required').max(max, `At most ${max} characters`));
}

/**
 * Optional multi-line text; empty means none. Tab and line breaks are kept, other control
 * characters refused. Kept as typed, or with leading and trailing blanks dropped (trim).
 */
export function longText(max: number, { trim = false }: { trim?: boolean } = {}) {
  const text = z.string();
  return withoutControlCharacters().pipe((trim ? text.trim() : text).max(max, `At most ${max} characters`));
}

/** Trimmed, non-empty multi-line text: a reason, a comment, a note. As longText otherwise. */
export function noteField(max: number) {
  return withoutControlCharacters().pipe(z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`));
}
