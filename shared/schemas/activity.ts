import { z } from 'zod';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../enums';
import { asZodIssue, fieldIssue, type FieldIssue } from '../issues';
import { IsoDateSchema, lineText, longText, RecordIdSchema, textField, UserRefSchema, VersionSchema } from './common';

export const ActivityKindSchema = z.enum(ACTIVITY_KINDS);
export const ActivityStatusSchema = z.enum(ACTIVITY_STATUSES);

const count = z.number().int().min(0).max(10_000_000);

/** Who took part: by sex and by participant group. null means not recorded. */
export const ParticipantsSchema = z.strictObject({
  women: count.nullable(),
  men: count.nullable(),
  government: count.nullable(),
  diaspora: count.nullable(),
  civilSociety: count.nullable(),
  international: count.nullable(),
});
export type Participants = z.infer<typeof ParticipantsSchema>;

/**
 * Where an activity's (or a sub-event's) participant counts come from: computed from its
 * attendance records (unique registry people, the activity's sub-events included) as soon
 * as there is one, else the counts a manager entered. See shared/calc/participants.ts.
 */
export const PARTICIPANTS_SOURCES = ['attendance', 'entered'] as const;
export const ParticipantsSourceSchema = z.enum(PARTICIPANTS_SOURCES);
export type ParticipantsSource = z.infer<typeof ParticipantsSourceSchema>;

/** The counts a record reports, with where they come from. */
export const reportedParticipantsFields = {
  /** Entered counts, or the counts computed from attendance (see participantsSource). */
  participants: ParticipantsSchema,
  participantsSource: ParticipantsSourceSchema,
  /** Unique people in the attendance records (0 without attendance); with attendance, the total. */
  attendeeCount: z.number().int(),
};

export const EMPTY_PARTICIPANTS: Participants = {
  women: null,
  men: null,
  government: null,
  diaspora: null,
  civilSociety: null,
  international: null,
};

export const ActivitySchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  outcomeId: z.number().int(),
  outputId: z.number().int().nullable(),
  kind: ActivityKindSchema,
  title: z.string(),
  description: z.string(),
  status: ActivityStatusSchema,
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  percentComplete: z.number().int(),
  location: z.string(),
  responsible: z.string(),
  ...reportedParticipantsFields,
  notes: z.string(),
  position: z.number().int(),
  /** Dates, counts or progress are demo values, not from the published record. */
  illustrative: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Activity = z.infer<typeof ActivitySchema>;

type Dates = Partial<Pick<Activity, 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd'>>;

/** Date-order rules, checked on create and on the merged record of an update. */
export function activityDateIssues(a: Dates): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // Also called by zod when other fields already failed, so types are checked, not assumed.
  const dates = [a.plannedStart, a.plannedEnd, a.actualStart, a.actualEnd];
  if (dates.some((d) => d != null && typeof d !== 'string')) return issues;
  if (a.plannedStart && a.plannedEnd && a.plannedEnd < a.plannedStart) {
    issues.push(fieldIssue('plannedEnd', 'activity.planned_end_before_start'));
  }
  if (a.actualStart && a.actualEnd && a.actualEnd < a.actualStart) {
    issues.push(fieldIssue('actualEnd', 'activity.actual_end_before_start'));
  }
  if (a.actualEnd && !a.actualStart) {
    issues.push(fieldIssue('actualStart', 'activity.ended_without_start'));
  }
  return issues;
}

const activityFields = {
  outcomeId: RecordIdSchema,
  outputId: RecordIdSchema.nullable(),
  kind: ActivityKindSchema,
  title: textField(300),
  description: longText(10_000),
  status: ActivityStatusSchema,
  plannedStart: IsoDateSchema.nullable(),
  plannedEnd: IsoDateSchema.nullable(),
  actualStart: IsoDateSchema.nullable(),
  actualEnd: IsoDateSchema.nullable(),
  percentComplete: z.number().int().min(0).max(100),
  location: lineText(300),
  responsible: lineText(200),
  participants: ParticipantsSchema,
  notes: longText(10_000),
};

export const CreateActivityInput = z
  .strictObject({
    ...activityFields,
    outputId: activityFields.outputId.default(null),
    description: activityFields.description.default(''),
    status: activityFields.status.default('planned'),
    plannedStart: activityFields.plannedStart.default(null),
    plannedEnd: activityFields.plannedEnd.default(null),
    actualStart: activityFields.actualStart.default(null),
    actualEnd: activityFields.actualEnd.default(null),
    percentComplete: activityFields.percentComplete.default(0),
    location: activityFields.location.default(''),
    responsible: activityFields.responsible.default(''),
    participants: activityFields.participants.default(EMPTY_PARTICIPANTS),
    notes: activityFields.notes.default(''),
  })
  .superRefine((a, ctx) => {
    for (const i of activityDateIssues(a)) ctx.addIssue({ code: 'custom', path: [i.path], ...asZodIssue(i) });
  });
export type CreateActivityInput = z.infer<typeof CreateActivityInput>;

export const UpdateActivityInput = z
  .strictObject(activityFields)
  .partial()
  .extend({
    version: VersionSchema,
    /** 1-based position among the activities of its outcome. */
    position: z.number().int().min(1).max(100_000).optional(),
    /** A short note saved in the history with this change (e.g. why the status changed). */
    note: longText(1_000, { trim: true }).optional(),
  });
export type UpdateActivityInput = z.infer<typeof UpdateActivityInput>;

export const ListActivitiesQuery = z.strictObject({
  outcomeId: z.string().regex(/^\d+$/).transform(Number).optional(),
  status: ActivityStatusSchema.optional(),
  kind: ActivityKindSchema.optional(),
});
export type ListActivitiesQuery = z.infer<typeof ListActivitiesQuery>;

export const ActivityListSchema = z.object({ items: z.array(ActivitySchema), total: z.number().int() });

/** One field that changed, from → to. */
export const FieldChangeSchema = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export type FieldChange = z.infer<typeof FieldChangeSchema>;

export const HistoryEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  user: UserRefSchema.nullable(),
  action: z.enum(['create', 'update', 'delete']),
  changes: z.array(FieldChangeSchema),
  note: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export const HistoryListSchema = z.object({ items: z.array(HistoryEntrySchema), total: z.number().int() });
