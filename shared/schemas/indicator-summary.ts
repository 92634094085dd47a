/** How indicators are read: with their periods and progress, in the results framework, against RAG thresholds and in the M&E overview. */
import { z } from 'zod';
import { asZodIssue, issue } from '../issues';
import { VersionSchema } from './common';
import {
  BaselineSchema,
  IndicatorAggregationSchema,
  IndicatorDirectionSchema,
  IndicatorLevelSchema,
  IndicatorMeasureSchema,
  IndicatorSchema,
  ProgressSchema,
  RagSchema,
  TargetSchema,
  ValueStatusSchema,
} from './indicator';
import { PeriodSchema } from './indicator-period';

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
