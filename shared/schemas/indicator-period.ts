/** Reporting periods of an indicator, each with its target and its value. */
import { z } from 'zod';
import { asZodIssue, issue } from '../issues';
import { IsoDateSchema, VersionSchema } from './common';
import { DisaggregationOutSchema, DisaggregationSchema, IndicatorAmountSchema, ProgressSchema } from './indicator';
import { IndicatorValueSchema } from './indicator-value';

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
    target: IndicatorAmountSchema.nullable().optional(),
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
  target: IndicatorAmountSchema.nullable().optional(),
  targetDisaggregation: DisaggregationSchema.nullable().optional(),
});
export type UpdatePeriodInput = z.infer<typeof UpdatePeriodInput>;
