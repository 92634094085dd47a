import { z } from 'zod';
import { PARTICIPANT_GROUPS, SEXES } from '../enums';
import { IdSchema, IsoDateSchema, longText, RecordIdSchema } from './common';
import { ConsentStatusSchema, NewPersonFields } from './registry';

/** One attendance row. `person` is the registry person, for callers who may see personal data. */
export const AttendanceSchema = z.object({
  id: z.number().int(),
  activityId: z.number().int(),
  subEventId: z.number().int().nullable(),
  personId: z.number().int(),
  date: z.string(),
  person: z.object({
    id: z.number().int(),
    name: z.string(),
    sex: z.enum(SEXES),
    group: z.enum(PARTICIPANT_GROUPS).nullable(),
    consent: ConsentStatusSchema,
    erased: z.boolean(),
  }),
});
export type Attendance = z.infer<typeof AttendanceSchema>;

const countsBy = <T extends readonly string[]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<T[number], z.ZodNumber>);

/** People engaged, computed from attendance (see shared/calc/registry-engagement.ts). */
export const EngagementCountsSchema = z.object({
  uniquePeople: z.number().int(),
  attendances: z.number().int(),
  bySex: countsBy(SEXES),
  byGroup: countsBy([...PARTICIPANT_GROUPS, 'unknown'] as const),
  /** In the shape activities report participants: what the activity should show when attendance exists. */
  participants: z.object({
    women: z.number().int(),
    men: z.number().int(),
    government: z.number().int(),
    diaspora: z.number().int(),
    civilSociety: z.number().int(),
    international: z.number().int(),
  }),
});
export type EngagementCounts = z.infer<typeof EngagementCountsSchema>;

/**
 * Attendance of an activity: the computed counts for everyone; the list of people only
 * for admins and managers (partners and donors get `items: []` and `redacted: true`).
 */
export const AttendanceListSchema = z.object({
  items: z.array(AttendanceSchema),
  total: z.number().int(),
  counts: EngagementCountsSchema,
  redacted: z.boolean(),
});
export type AttendanceList = z.infer<typeof AttendanceListSchema>;

const optionalId = IdSchema.optional();

export const ListAttendanceQuery = z.strictObject({ subEventId: optionalId });
export type ListAttendanceQuery = z.infer<typeof ListAttendanceQuery>;

/**
 * Adds people to an activity (or one of its sub-events): registry people by id, or one
 * new person created inline. The date defaults to the sub-event's date, else the
 * activity's actual (else planned) start.
 */
export const AddAttendanceInput = z
  .strictObject({
    subEventId: RecordIdSchema.nullable().default(null),
    date: IsoDateSchema.optional(),
    personIds: z.array(RecordIdSchema).min(1).max(1_000).optional(),
    person: NewPersonFields.optional(),
  })
  .refine((a) => (a.personIds === undefined) !== (a.person === undefined), {
    message: 'Give either personIds or one new person',
    path: ['personIds'],
  });
export type AddAttendanceInput = z.infer<typeof AddAttendanceInput>;

export const AddAttendanceResultSchema = z.object({
  added: z.array(AttendanceSchema),
  /** People already recorded at this activity or sub-event. */
  alreadyPresent: z.array(z.number().int()),
  counts: EngagementCountsSchema,
});
export type AddAttendanceResult = z.infer<typeof AddAttendanceResultSchema>;

export const AttendanceImportQuery = z.strictObject({
  subEventId: optionalId,
  dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
});

/** A row of an attendance sheet and the registry person it matched, if any; a row whose date cannot be read is left out (invalid_date). */
export const AttendanceSheetRowSchema = z.object({
  row: z.number().int(),
  status: z.enum(['matched', 'already_present', 'unmatched', 'ambiguous', 'invalid_date']),
  personId: z.number().int().nullable(),
  /** How it matched: by email, else by name (folded, the same in Cyrillic and Latin script). */
  matchedBy: z.enum(['email', 'name']).nullable(),
  /** Why the row was not added (unmatched, ambiguous, invalid_date), a rule of shared/issues.ts; null when it was matched. */
  code: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  /** The same in English; null when the row was matched. */
  message: z.string().nullable(),
});
export const AttendanceImportResultSchema = z.object({
  dryRun: z.boolean(),
  columns: z.object({ name: z.string().nullable(), email: z.string().nullable(), date: z.string().nullable() }),
  rows: z.array(AttendanceSheetRowSchema),
  added: z.number().int(),
});
export type AttendanceImportResult = z.infer<typeof AttendanceImportResultSchema>;

const dateQuery = IsoDateSchema.optional();

export const EngagementQuery = z.strictObject({
  from: dateQuery,
  to: dateQuery,
  outcomeId: optionalId,
  activityId: optionalId,
  subEventId: optionalId,
});
export type EngagementQuery = z.infer<typeof EngagementQuery>;

export const ProjectEngagementSchema = z.object({
  projectId: z.number().int(),
  filters: z.record(z.string(), z.union([z.string(), z.number()])),
  counts: EngagementCountsSchema,
});
export type ProjectEngagement = z.infer<typeof ProjectEngagementSchema>;

/**
 * Proposes an indicator value from attendance over the period's dates: unique people
 * engaged, disaggregated by sex and participant group. The value is a draft and goes
 * through approval like any other.
 */
export const ProposeFromAttendanceInput = z.strictObject({
  activityId: RecordIdSchema.optional(),
  outcomeId: RecordIdSchema.optional(),
  comment: longText(2_000).optional(),
});
export type ProposeFromAttendanceInput = z.infer<typeof ProposeFromAttendanceInput>;

export const PeriodParams = z.strictObject({ id: IdSchema, periodId: IdSchema });
