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
} from '../enums';
import { asZodIssue, fieldIssue, issue, type FieldIssue } from '../issues';
import { lineText, longText, RecordIdSchema, textField, VersionSchema, YearSchema } from './common';

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

/** Numbers an indicator is measured in; large enough for money-like counts, never NaN or Infinity. */
export const IndicatorAmountSchema = z.number().min(-1e12).max(1e12);
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

/** A breakdown as read back: every part present, null where not recorded. */
const SexPartsOut = z.object(Object.fromEntries(SEX_CATEGORIES.map((k) => [k, z.number().nullable()])));
const GroupPartsOut = z.object(Object.fromEntries(PARTICIPANT_GROUPS.map((k) => [k, z.number().nullable()])));
export const DisaggregationOutSchema = z.object({ sex: SexPartsOut.optional(), participantGroup: GroupPartsOut.optional() });

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
export const ProgressSchema = z.union([z.object({ percent: z.number() }), z.object({ percent: z.null(), reason: z.enum(PROGRESS_REASONS) })]);

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
    value: IndicatorAmountSchema.nullable().default(null),
    year: YearSchema.nullable().default(null),
    comment: longText(2_000).default(''),
  }),
  target: z.strictObject({ value: IndicatorAmountSchema.nullable().default(null), comment: longText(2_000).default('') }),
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
export function indicatorIssues(i: { measure?: unknown; disaggregations?: unknown }): FieldIssue[] {
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

export const IndicatorListSchema = z.object({ items: z.array(IndicatorSchema), total: z.number().int() });
export type IndicatorList = z.infer<typeof IndicatorListSchema>;
