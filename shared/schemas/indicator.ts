import { z } from 'zod';
import { RAGS, type IndicatorAggregation, type IndicatorDirection, type IndicatorMeasure, type ProgressReason } from '../calc/indicator-progress';
import {
  DISAGGREGATION_DIMENSIONS,
  INDICATOR_AGGREGATIONS,
  INDICATOR_DIRECTIONS,
  INDICATOR_MEASURES,
  PARTICIPANT_GROUPS,
  REPORTING_FREQUENCIES,
  SEX_CATEGORIES,
  VALUE_STATUSES,
  type ValueStatus,
} from '../enums';
import { asZodIssue, fieldIssue, issue, type FieldIssue, type Issue } from '../issues';
import { IsoDateSchema, lineText, longText, noteField, RecordIdSchema, textField, UserRefSchema, VersionSchema, YearSchema } from './common';

export const IndicatorMeasureSchema = z.enum(INDICATOR_MEASURES satisfies readonly IndicatorMeasure[]);
export const IndicatorDirectionSchema = z.enum(INDICATOR_DIRECTIONS satisfies readonly IndicatorDirection[]);
export const IndicatorAggregationSchema = z.enum(INDICATOR_AGGREGATIONS satisfies readonly IndicatorAggregation[]);
export const ReportingFrequencySchema = z.enum(REPORTING_FREQUENCIES);
export const DisaggregationDimensionSchema = z.enum(DISAGGREGATION_DIMENSIONS);
export const ValueStatusSchema = z.enum(VALUE_STATUSES);
export const RagSchema = z.enum(RAGS);

/** Where an indicator sits in the framework. */
export const INDICATOR_LEVELS = ['goal', 'outcome', 'output'] as const;
export const IndicatorLevelSchema = z.enum(INDICATOR_LEVELS);
export type IndicatorLevel = z.infer<typeof IndicatorLevelSchema>;

/** Evidence files: at most 10 MiB, and only these types, judged by the file's content. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/** Numbers an indicator is measured in; large enough for money-like counts, never NaN or Infinity. */
const amount = z.number().min(-1e12).max(1e12);
const part = z.number().min(0).max(1e12).nullable().default(null);

// ---------------------------------------------------------------------------------------
// Disaggregation

export const SexPartsSchema = z.strictObject(
  Object.fromEntries(SEX_CATEGORIES.map((k) => [k, part])) as Record<(typeof SEX_CATEGORIES)[number], typeof part>,
);
export const GroupPartsSchema = z.strictObject(
  Object.fromEntries(PARTICIPANT_GROUPS.map((k) => [k, part])) as Record<(typeof PARTICIPANT_GROUPS)[number], typeof part>,
);

/**
 * A total broken down by sex (women, men, other/unknown) and/or participant group
 * (government, diaspora, civil_society, international). A part left out or null is not
 * recorded. Rules (parts ≤ total; complete only when they add up) are in
 * shared/calc/disaggregation.ts.
 */
export const DisaggregationSchema = z.strictObject({
  sex: SexPartsSchema.optional(),
  participantGroup: GroupPartsSchema.optional(),
});
export type DisaggregationInput = z.input<typeof DisaggregationSchema>;

// ---------------------------------------------------------------------------------------
// Progress

export const PROGRESS_REASONS = [
  'qualitative',
  'no_target',
  'no_baseline',
  'zero_target_span',
  'target_against_direction',
  'no_actual',
] as const satisfies readonly ProgressReason[];

/** Percent of target achieved, or why it cannot be computed (see shared/calc/indicator-progress.ts). */
export const ProgressSchema = z.union([
  z.object({ percent: z.number() }),
  z.object({ percent: z.null(), reason: z.enum(PROGRESS_REASONS) }),
]);

// ---------------------------------------------------------------------------------------
// Indicators

export const BaselineSchema = z.object({ value: z.number().nullable(), year: z.number().int().nullable(), comment: z.string() });
export const TargetSchema = z.object({ value: z.number().nullable(), comment: z.string() });

/**
 * An indicator's definition. Its level follows its parent: no parent is the goal, an
 * outcome, or an output (outcomeId is then the output's outcome). Its code follows the
 * framework and its position: G.a, G.b for the goal, 1.a for outcome 1, 1.2.a for output 1.2.
 */
export const IndicatorSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  level: IndicatorLevelSchema,
  outcomeId: z.number().int().nullable(),
  outputId: z.number().int().nullable(),
  code: z.string(),
  title: z.string(),
  definition: z.string(),
  unit: z.string(),
  measure: IndicatorMeasureSchema,
  direction: IndicatorDirectionSchema,
  aggregation: IndicatorAggregationSchema,
  baseline: BaselineSchema,
  /** Life-of-project target. */
  target: TargetSchema,
  frequency: ReportingFrequencySchema,
  disaggregations: z.array(DisaggregationDimensionSchema),
  meansOfVerification: z.string(),
  dataSource: z.string(),
  responsible: z.string(),
  position: z.number().int(),
  /** Definition or values are demo data, not from the published record. */
  illustrative: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

const indicatorFields = {
  title: textField(500),
  definition: longText(5_000),
  unit: lineText(100),
  measure: IndicatorMeasureSchema,
  direction: IndicatorDirectionSchema,
  aggregation: IndicatorAggregationSchema,
  baseline: z.strictObject({
    value: amount.nullable().default(null),
    year: YearSchema.nullable().default(null),
    comment: longText(2_000).default(''),
  }),
  target: z.strictObject({ value: amount.nullable().default(null), comment: longText(2_000).default('') }),
  frequency: ReportingFrequencySchema,
  disaggregations: z
    .array(DisaggregationDimensionSchema)
    .max(DISAGGREGATION_DIMENSIONS.length)
    .refine((d) => new Set(d).size === d.length, 'Each dimension once'),
  meansOfVerification: longText(2_000),
  dataSource: lineText(500),
  responsible: lineText(200),
};

/** Rules on an indicator's definition, checked on create and on the merged record of an update. */
export function indicatorIssues(i: {
  measure?: unknown;
  disaggregations?: unknown;
}): FieldIssue[] {
  if (Array.isArray(i.disaggregations) && i.disaggregations.length > 0 && i.measure !== 'number') {
    return [fieldIssue('disaggregations', 'indicator.breakdown_needs_number')];
  }
  return [];
}

/** Creates an indicator under the goal (no ids), an outcome (outcomeId) or an output (outputId). */
export const CreateIndicatorInput = z
  .strictObject({
    ...indicatorFields,
    outcomeId: RecordIdSchema.nullable().default(null),
    outputId: RecordIdSchema.nullable().default(null),
    definition: indicatorFields.definition.default(''),
    unit: indicatorFields.unit.default(''),
    direction: indicatorFields.direction.default('higher_is_better'),
    aggregation: indicatorFields.aggregation.default('cumulative'),
    baseline: indicatorFields.baseline.default({ value: null, year: null, comment: '' }),
    target: indicatorFields.target.default({ value: null, comment: '' }),
    frequency: indicatorFields.frequency.default('annual'),
    disaggregations: indicatorFields.disaggregations.default([]),
    meansOfVerification: indicatorFields.meansOfVerification.default(''),
    dataSource: indicatorFields.dataSource.default(''),
    responsible: indicatorFields.responsible.default(''),
  })
  .superRefine((i, ctx) => {
    if (i.outcomeId !== null && i.outputId !== null) {
      ctx.addIssue({ code: 'custom', path: ['outputId'], ...asZodIssue(issue('indicator.outcome_or_output')) });
    }
    for (const problem of indicatorIssues(i)) ctx.addIssue({ code: 'custom', path: [problem.path], ...asZodIssue(problem) });
  });
export type CreateIndicatorInput = z.infer<typeof CreateIndicatorInput>;

/**
 * position is 1-based among the indicators of the same parent. Measure and
 * disaggregations cannot change once values are recorded. A new frequency adds the
 * periods it generates that do not overlap existing ones.
 */
export const UpdateIndicatorInput = z
  .strictObject(indicatorFields)
  .partial()
  .extend({ version: VersionSchema, position: z.number().int().min(1).max(10_000).optional() });
export type UpdateIndicatorInput = z.infer<typeof UpdateIndicatorInput>;

// ---------------------------------------------------------------------------------------
// Values

export const EvidenceSchema = z.object({
  id: z.number().int(),
  valueId: z.number().int(),
  /** A safe display name; the file is stored under a random name. */
  fileName: z.string(),
  mediaType: z.enum(EVIDENCE_MEDIA_TYPES),
  size: z.number().int(),
  uploadedBy: UserRefSchema.nullable(),
  uploadedAt: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

const SexPartsOut = z.object(Object.fromEntries(SEX_CATEGORIES.map((k) => [k, z.number().nullable()])));
const GroupPartsOut = z.object(Object.fromEntries(PARTICIPANT_GROUPS.map((k) => [k, z.number().nullable()])));
export const DisaggregationOutSchema = z.object({ sex: SexPartsOut.optional(), participantGroup: GroupPartsOut.optional() });

/**
 * The actual of one period. `value` is the number progress uses (for a percentage given
 * as numerator/denominator, their ratio × 100); a qualitative value has a narrative and
 * an optional score (1–5) instead.
 */
export const IndicatorValueSchema = z.object({
  id: z.number().int(),
  periodId: z.number().int(),
  status: ValueStatusSchema,
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  narrative: z.string().nullable(),
  score: z.number().int().nullable(),
  disaggregation: DisaggregationOutSchema.nullable(),
  comment: z.string(),
  /** The parts add up to the total in every configured dimension. */
  complete: z.boolean(),
  /** Why a reviewer returned it (or an admin unlocked its period). */
  reviewNote: z.string(),
  submittedBy: UserRefSchema.nullable(),
  submittedAt: z.string().nullable(),
  reviewedBy: UserRefSchema.nullable(),
  reviewedAt: z.string().nullable(),
  evidence: z.array(EvidenceSchema),
  illustrative: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IndicatorValue = z.infer<typeof IndicatorValueSchema>;

const measurementFields = {
  value: amount.optional(),
  numerator: z.number().min(0).max(1e12).optional(),
  denominator: z.number().gt(0, 'Must be more than 0').max(1e12).optional(),
  narrative: noteField(5_000).optional(),
  score: z.number().int().min(1).max(5).optional(),
};
type Measurement = { value?: unknown; numerator?: unknown; denominator?: unknown; narrative?: unknown; score?: unknown };

/**
 * What a value must carry for its indicator's measure: a number `value`; a percentage
 * as `value` or as `numerator` and `denominator`; a qualitative `narrative` with an
 * optional `score`. Anything else is refused rather than silently dropped.
 */
export function valueShapeIssues(measure: IndicatorMeasure, m: Measurement): FieldIssue[] {
  const given = (k: keyof Measurement) => m[k] !== undefined && m[k] !== null;
  const issues: FieldIssue[] = [];
  const forbid = (keys: (keyof Measurement)[], why: Issue) => {
    for (const k of keys) if (given(k)) issues.push({ path: k, ...why });
  };
  if (measure === 'qualitative') {
    forbid(['value', 'numerator', 'denominator'], issue('value.numbers_not_qualitative'));
    if (!given('narrative')) issues.push(fieldIssue('narrative', 'field.required'));
    return issues;
  }
  forbid(['narrative', 'score'], issue('value.narrative_qualitative_only'));
  if (measure === 'number') {
    forbid(['numerator', 'denominator'], issue('value.ratio_percentage_only'));
    if (!given('value')) issues.push(fieldIssue('value', 'field.required'));
    return issues;
  }
  const ratio = given('numerator') || given('denominator');
  if (ratio && given('value')) {
    issues.push(fieldIssue('value', 'value.percentage_and_ratio'));
  } else if (ratio) {
    if (!given('numerator')) issues.push(fieldIssue('numerator', 'value.numerator_required'));
    if (!given('denominator')) issues.push(fieldIssue('denominator', 'value.denominator_required'));
  } else if (!given('value')) {
    issues.push(fieldIssue('value', 'value.percentage_missing'));
  }
  return issues;
}

/** Records the draft value of a period. Which measurement fields apply depends on the indicator's measure. */
export const RecordValueInput = z.strictObject({
  ...measurementFields,
  disaggregation: DisaggregationSchema.optional(),
  comment: longText(5_000).default(''),
  complete: z.boolean().default(false),
});
export type RecordValueInput = z.infer<typeof RecordValueInput>;

/**
 * Edits a draft or returned value. Sending any of value/numerator/denominator replaces
 * the three together (so a percentage can switch between the two forms); the same for
 * narrative/score. disaggregation: null clears the breakdown.
 */
export const UpdateValueInput = z.strictObject({
  version: VersionSchema,
  ...measurementFields,
  disaggregation: DisaggregationSchema.nullable().optional(),
  comment: longText(5_000).optional(),
  complete: z.boolean().optional(),
});
export type UpdateValueInput = z.infer<typeof UpdateValueInput>;

/** submit and approve carry the version the caller saw, so nobody acts on a changed value. */
export const ValueTransitionInput = z.strictObject({ version: VersionSchema });
export type ValueTransitionInput = z.infer<typeof ValueTransitionInput>;

export const ReturnValueInput = z.strictObject({ version: VersionSchema, note: noteField(2_000) });
export type ReturnValueInput = z.infer<typeof ReturnValueInput>;

export const UnlockPeriodInput = z.strictObject({ reason: noteField(1_000) });
export type UnlockPeriodInput = z.infer<typeof UnlockPeriodInput>;

export const VALUE_ACTIONS = ['submit', 'approve', 'return'] as const;
export type ValueAction = (typeof VALUE_ACTIONS)[number];

/** The approval workflow: which statuses each action starts from and where it leads. */
export const VALUE_TRANSITIONS: Record<ValueAction, { from: readonly ValueStatus[]; to: ValueStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
};

/** The status an action leads to from `status`, or null when the action is not allowed there. */
export function nextValueStatus(status: ValueStatus, action: ValueAction): ValueStatus | null {
  const t = VALUE_TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}

/** Only drafts and returned values can be edited, deleted or given evidence. */
export function isValueEditable(status: ValueStatus): boolean {
  return status === 'draft' || status === 'returned';
}

// ---------------------------------------------------------------------------------------
// Periods

/**
 * A reporting period with its target and, when the caller may see it, its value
 * (partners and donors see approved values only). A period is locked while its value
 * is approved.
 */
export const PeriodSchema = z.object({
  id: z.number().int(),
  indicatorId: z.number().int(),
  start: z.string(),
  end: z.string(),
  target: z.number().nullable(),
  targetDisaggregation: DisaggregationOutSchema.nullable(),
  locked: z.boolean(),
  /** This period's approved actual against its target. */
  progress: ProgressSchema,
  value: IndicatorValueSchema.nullable(),
  version: z.number().int(),
});
export type Period = z.infer<typeof PeriodSchema>;

export const PeriodListSchema = z.object({ items: z.array(PeriodSchema), total: z.number().int() });
export type PeriodList = z.infer<typeof PeriodListSchema>;

/**
 * Adds periods: `{ generate: true }` adds the periods the indicator's frequency gives
 * within the project's span that do not overlap existing ones; otherwise one custom
 * period `{ start, end, target? }`. Periods of an indicator never overlap. Answers
 * with the periods created.
 */
export const CreatePeriodsInput = z
  .strictObject({
    generate: z.literal(true).optional(),
    start: IsoDateSchema.optional(),
    end: IsoDateSchema.optional(),
    target: amount.nullable().optional(),
    targetDisaggregation: DisaggregationSchema.nullable().optional(),
  })
  .superRefine((p, ctx) => {
    const custom = p.start !== undefined || p.end !== undefined || p.target !== undefined || p.targetDisaggregation !== undefined;
    if (p.generate && custom) {
      ctx.addIssue({ code: 'custom', path: ['generate'], ...asZodIssue(issue('period.generate_or_custom')) });
      return;
    }
    if (p.generate) return;
    if (p.start === undefined) ctx.addIssue({ code: 'custom', path: ['start'], ...asZodIssue(issue('field.required')) });
    if (p.end === undefined) ctx.addIssue({ code: 'custom', path: ['end'], ...asZodIssue(issue('field.required')) });
    if (p.start && p.end && typeof p.start === 'string' && typeof p.end === 'string' && p.end < p.start) {
      ctx.addIssue({ code: 'custom', path: ['end'], ...asZodIssue(issue('period.end_before_start')) });
    }
  });
export type CreatePeriodsInput = z.infer<typeof CreatePeriodsInput>;

/** Edits an unlocked period; dates only while it has no value. */
export const UpdatePeriodInput = z.strictObject({
  version: VersionSchema,
  start: IsoDateSchema.optional(),
  end: IsoDateSchema.optional(),
  target: amount.nullable().optional(),
  targetDisaggregation: DisaggregationSchema.nullable().optional(),
});
export type UpdatePeriodInput = z.infer<typeof UpdatePeriodInput>;

// ---------------------------------------------------------------------------------------
// Read models

export const IndicatorListSchema = z.object({ items: z.array(IndicatorSchema), total: z.number().int() });
export type IndicatorList = z.infer<typeof IndicatorListSchema>;

/** The latest approved actual (by period end). */
export const LatestActualSchema = z.object({
  periodId: z.number().int(),
  end: z.string(),
  value: z.number().nullable(),
  narrative: z.string().nullable(),
  score: z.number().int().nullable(),
});

/** Progress figures of an indicator, from approved values only. */
const progressFields = {
  /** Life-of-project progress against the target. */
  progress: ProgressSchema,
  /** Percent of the target that should have been reached by today. */
  expectedPercent: z.number().nullable(),
  rag: RagSchema,
  latestActual: LatestActualSchema.nullable(),
};

/** An indicator with all its periods (and values the caller may see) and its progress. */
export const IndicatorDetailSchema = IndicatorSchema.extend({ periods: z.array(PeriodSchema), ...progressFields });
export type IndicatorDetail = z.infer<typeof IndicatorDetailSchema>;

/**
 * One period in the framework view. `actual` is the approved actual only (the score for
 * a qualitative indicator); `status` is the value's status, null when there is none or
 * the caller may not see it.
 */
export const PeriodSummarySchema = z.object({
  id: z.number().int(),
  start: z.string(),
  end: z.string(),
  target: z.number().nullable(),
  actual: z.number().nullable(),
  status: ValueStatusSchema.nullable(),
  locked: z.boolean(),
  progress: ProgressSchema,
});
export type PeriodSummary = z.infer<typeof PeriodSummarySchema>;

/** An indicator as the results framework shows it. */
export const IndicatorSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  level: IndicatorLevelSchema,
  title: z.string(),
  measure: IndicatorMeasureSchema,
  direction: IndicatorDirectionSchema,
  aggregation: IndicatorAggregationSchema,
  unit: z.string(),
  baseline: BaselineSchema,
  target: TargetSchema,
  illustrative: z.boolean(),
  periods: z.array(PeriodSummarySchema),
  ...progressFields,
});
export type IndicatorSummary = z.infer<typeof IndicatorSummarySchema>;

// ---------------------------------------------------------------------------------------
// RAG thresholds and the M&E overview

/**
 * Minimum ratios of achievement to expectation per project: at least onTrack is on
 * track, at least atRisk is at risk, lower is off track.
 */
export const RagThresholdsSchema = z.object({
  projectId: z.number().int(),
  onTrack: z.number(),
  atRisk: z.number(),
  version: z.number().int(),
});
export type RagThresholds = z.infer<typeof RagThresholdsSchema>;

export const UpdateRagThresholdsInput = z
  .strictObject({ version: VersionSchema, onTrack: z.number().min(0).max(2), atRisk: z.number().min(0).max(2) })
  .refine((t) => t.onTrack >= t.atRisk, { path: ['atRisk'], ...asZodIssue(issue('indicator.rag_thresholds')) });
export type UpdateRagThresholdsInput = z.infer<typeof UpdateRagThresholdsInput>;

/** Days after a period's end by which its value should be approved. */
export const REPORTING_GRACE_DAYS = 30;

/**
 * One period of one indicator in the M&E overview. due: the period is over and has no
 * approved value; late: still so more than REPORTING_GRACE_DAYS after its end.
 */
export const OverviewItemSchema = z.object({
  indicatorId: z.number().int(),
  indicatorCode: z.string(),
  indicatorTitle: z.string(),
  periodId: z.number().int(),
  valueId: z.number().int().nullable(),
  valueStatus: ValueStatusSchema.nullable(),
  due: z.boolean(),
  late: z.boolean(),
});
export type OverviewItem = z.infer<typeof OverviewItemSchema>;

/** Periods that have started, grouped by their dates, newest first, with counts. */
export const MeOverviewSchema = z.object({
  projectId: z.number().int(),
  asOf: z.string(),
  counts: z.object({
    due: z.number().int(),
    late: z.number().int(),
    draft: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    approved: z.number().int(),
  }),
  periods: z.array(z.object({ start: z.string(), end: z.string(), dueBy: z.string(), items: z.array(OverviewItemSchema) })),
});
export type MeOverview = z.infer<typeof MeOverviewSchema>;
