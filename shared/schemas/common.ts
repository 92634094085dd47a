import { z } from 'zod';
import { asZodIssue, issue } from '../issues';

/** A numeric id as it arrives in a URL path or query string. */
export const IdSchema = z
  .string()
  .regex(/^[1-9]\d{0,14}$/, 'Must be a positive whole number')
  .transform(Number);

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

/** A calendar date at the API boundary: YYYY-MM-DD, and a day that exists. */
export const IsoDateSchema = z.string().refine(isIsoDate, asZodIssue(issue('date.invalid')));

/** Every editable record carries its version; a write must send the version it read. */
export const VersionSchema = z.number().int().min(1);

export const VersionQuery = z.strictObject({
  version: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, 'Must be a positive whole number')
    .transform(Number),
});

export const YearSchema = z.number().int().min(1950).max(2100);

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

/** Trimmed, non-empty single-line text. */
export function textField(max: number) {
  return z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);
}

/** Optional long text; empty means none. */
export function longText(max: number) {
  return z.string().max(max, `At most ${max} characters`);
}
