import { z } from 'zod';
import { MILESTONE_STATUSES } from '../calc/timeline';
import { asZodIssue, fieldIssue, issue, type FieldIssue } from '../issues';
import { ActivityKindSchema, ActivityStatusSchema, EMPTY_PARTICIPANTS, ParticipantsSchema, reportedParticipantsFields } from './activity';
import { IdSchema, IsoDateSchema, lineText, listOf, longText, RecordIdSchema, textField, VersionSchema } from './common';

// ---------------------------------------------------------------- milestones

export const MILESTONE_KINDS = ['milestone', 'deliverable'] as const;
export const MilestoneKindSchema = z.enum(MILESTONE_KINDS);
/** Derived from the dates and today, never stored. */
export const MilestoneStatusSchema = z.enum(MILESTONE_STATUSES);

/**
 * A milestone or deliverable ("Mapping report published", "Action Plan adopted by the
 * Government") of a whole project (activityId null) or of one activity.
 */
export const MilestoneSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  activityId: z.number().int().nullable(),
  kind: MilestoneKindSchema,
  title: z.string(),
  dueDate: z.string(),
  doneDate: z.string().nullable(),
  /** What shows it was reached (a link, a document reference, a decree number). */
  evidenceNote: z.string(),
  status: MilestoneStatusSchema,
  /** Dates are demo values, not from the published record. */
  illustrative: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

const milestoneFields = {
  activityId: RecordIdSchema.nullable(),
  kind: MilestoneKindSchema,
  title: textField(300),
  dueDate: IsoDateSchema,
  doneDate: IsoDateSchema.nullable(),
  evidenceNote: longText(2_000),
};

export const CreateMilestoneInput = z.strictObject({
  ...milestoneFields,
  activityId: milestoneFields.activityId.default(null),
  kind: milestoneFields.kind.default('milestone'),
  doneDate: milestoneFields.doneDate.default(null),
  evidenceNote: milestoneFields.evidenceNote.default(''),
});
export type CreateMilestoneInput = z.infer<typeof CreateMilestoneInput>;

/** activityId may move the milestone to another activity of the project, or to the project (null). */
export const UpdateMilestoneInput = z.strictObject(milestoneFields).partial().extend({ version: VersionSchema });
export type UpdateMilestoneInput = z.infer<typeof UpdateMilestoneInput>;

export const ListMilestonesQuery = z.strictObject({
  /** Only the milestones of this activity. */
  activityId: IdSchema.optional(),
  status: MilestoneStatusSchema.optional(),
});
export type ListMilestonesQuery = z.infer<typeof ListMilestonesQuery>;

export const MilestoneListSchema = listOf(MilestoneSchema);
export type MilestoneList = z.infer<typeof MilestoneListSchema>;

// ---------------------------------------------------------------- sub-events

/** One event of an activity series: a trust-building event, a seminar, a study-tour leg. */
export const SubEventSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  activityId: z.number().int(),
  title: z.string(),
  date: z.string(),
  /** Last day of a multi-day event; null for a one-day event. */
  endDate: z.string().nullable(),
  place: z.string(),
  /** From the event's own attendance records when it has any, else as entered. */
  ...reportedParticipantsFields,
  notes: z.string(),
  illustrative: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SubEvent = z.infer<typeof SubEventSchema>;

/** An event may not end before it starts; checked on create and on the merged record of an update. */
export function subEventDateIssues(e: { date?: unknown; endDate?: unknown }): FieldIssue[] {
  if (typeof e.date !== 'string' || typeof e.endDate !== 'string') return [];
  return e.endDate < e.date ? [fieldIssue('endDate', 'event.end_before_date')] : [];
}

const subEventFields = {
  title: textField(300),
  date: IsoDateSchema,
  endDate: IsoDateSchema.nullable(),
  place: lineText(300),
  participants: ParticipantsSchema,
  notes: longText(5_000),
};

export const CreateSubEventInput = z
  .strictObject({
    ...subEventFields,
    endDate: subEventFields.endDate.default(null),
    place: subEventFields.place.default(''),
    participants: subEventFields.participants.default(EMPTY_PARTICIPANTS),
    notes: subEventFields.notes.default(''),
  })
  .superRefine((e, ctx) => {
    for (const i of subEventDateIssues(e)) ctx.addIssue({ code: 'custom', path: [i.path], ...asZodIssue(i) });
  });
export type CreateSubEventInput = z.infer<typeof CreateSubEventInput>;

export const UpdateSubEventInput = z.strictObject(subEventFields).partial().extend({ version: VersionSchema });
export type UpdateSubEventInput = z.infer<typeof UpdateSubEventInput>;

/** The sub-events of an activity, by date, with the participant totals they roll up to. */
export const SubEventListSchema = listOf(SubEventSchema).extend({
  /**
   * The activity's attendance (unique people over the activity and its events) when it
   * has any; else the sum of the sub-events' entered counts when there are sub-events;
   * else the activity's own counts.
   */
  ...reportedParticipantsFields,
  /** The counts are the sum of the sub-events' entered counts. */
  participantsFromSubEvents: z.boolean(),
});
export type SubEventList = z.infer<typeof SubEventListSchema>;

// ---------------------------------------------------------------- dependencies

/**
 * Finish-to-start: `to` should not start (actual, else planned start) before `from`
 * ends (actual, else planned end). `broken` says it currently does.
 */
export const DependencySchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  from: z.number().int(),
  to: z.number().int(),
  type: z.literal('finish_to_start'),
  broken: z.boolean(),
});
export type Dependency = z.infer<typeof DependencySchema>;

export const CreateDependencyInput = z
  .strictObject({
    /** The predecessor activity. */
    from: RecordIdSchema,
    /** The successor activity. */
    to: RecordIdSchema,
  })
  .refine((d) => d.from !== d.to, { path: ['to'], ...asZodIssue(issue('dependency.self')) });
export type CreateDependencyInput = z.infer<typeof CreateDependencyInput>;

export const DependencyListSchema = listOf(DependencySchema).extend({ broken: z.number().int() });
export type DependencyList = z.infer<typeof DependencyListSchema>;

const proposedDate = z
  .string()
  .refine((s) => s === '' || IsoDateSchema.safeParse(s).success, { message: 'Must be a real date written YYYY-MM-DD, or empty' })
  .transform((s) => (s === '' ? null : s));

/**
 * Dates to try instead of the stored ones (an empty value means "no date"), so the client
 * can warn before it saves a date change; without any, the stored dates are checked.
 */
export const CheckDependenciesQuery = z.strictObject({
  plannedStart: proposedDate.optional(),
  plannedEnd: proposedDate.optional(),
  actualStart: proposedDate.optional(),
  actualEnd: proposedDate.optional(),
});
export type CheckDependenciesQuery = z.infer<typeof CheckDependenciesQuery>;

/** The dependencies into and out of one activity, and which of them its dates break. */
export const DependencyCheckSchema = z.object({
  activityId: z.number().int(),
  items: z.array(DependencySchema),
  broken: z.array(DependencySchema),
});
export type DependencyCheck = z.infer<typeof DependencyCheckSchema>;

// ---------------------------------------------------------------- timeline

export const ScheduleFlagSchema = z.enum(['overdue', 'finished_late', 'late_start']);

/** An activity as a Gantt row: planned and actual bars, slippage, milestones and sub-events. */
export const TimelineActivitySchema = z.object({
  id: z.number().int(),
  outcomeId: z.number().int(),
  outputId: z.number().int().nullable(),
  kind: ActivityKindSchema,
  title: z.string(),
  status: ActivityStatusSchema,
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  percentComplete: z.number().int(),
  flag: ScheduleFlagSchema.nullable(),
  /** Days the start / finish slipped against plan (negative: early); null when not planned. */
  startSlippageDays: z.number().int().nullable(),
  finishSlippageDays: z.number().int().nullable(),
  /** As the sub-event list reports them: from attendance, else rolled up from the sub-events, else the activity's own. */
  ...reportedParticipantsFields,
  participantsFromSubEvents: z.boolean(),
  illustrative: z.boolean(),
  version: z.number().int(),
  milestones: z.array(MilestoneSchema),
  subEvents: z.array(SubEventSchema),
});
export type TimelineActivity = z.infer<typeof TimelineActivitySchema>;

const FrameworkRefSchema = z.object({ id: z.number().int(), code: z.string(), title: z.string() });

export const TimelineGroupSchema = z.object({
  outcome: FrameworkRefSchema,
  outputs: z.array(z.object({ output: FrameworkRefSchema, activities: z.array(TimelineActivitySchema) })),
  /** Activities placed directly under the outcome, with no output. */
  activities: z.array(TimelineActivitySchema),
});
export type TimelineGroup = z.infer<typeof TimelineGroupSchema>;

/** GET /projects/:id/timeline: everything a Gantt chart needs, in one answer. */
export const TimelineSchema = z.object({
  projectId: z.number().int(),
  today: z.string(),
  /**
   * The project span widened to every date shown, within [MIN_DATE, MAX_DATE]
   * (shared/bounds.ts): a stored date outside them is cut off at the chart's edge.
   */
  span: z.object({ start: z.string(), end: z.string() }),
  groups: z.array(TimelineGroupSchema),
  dependencies: z.array(DependencySchema),
  /** Project-level milestones (those of an activity sit on the activity). */
  milestones: z.array(MilestoneSchema),
});
export type Timeline = z.infer<typeof TimelineSchema>;
