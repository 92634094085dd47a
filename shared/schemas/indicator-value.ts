/** Indicator values: what one period achieved, its evidence, and the approval workflow. */
import { z } from 'zod';
import type { IndicatorMeasure } from '../calc/indicator-progress';
import type { ValueStatus } from '../enums';
import { fieldIssue, issue, type FieldIssue, type Issue } from '../issues';
import { longText, noteField, UserRefSchema, VersionSchema } from './common';
import { evidenceFileFields } from './evidence';
import { DisaggregationOutSchema, DisaggregationSchema, IndicatorAmountSchema, ValueStatusSchema } from './indicator';

export const EvidenceSchema = z.object({
  id: z.number().int(),
  valueId: z.number().int(),
  ...evidenceFileFields,
});
export type Evidence = z.infer<typeof EvidenceSchema>;

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
  value: IndicatorAmountSchema.optional(),
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
