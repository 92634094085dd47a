import { z } from 'zod';
import { longText, RecordIdSchema, textField, VersionSchema } from './common';
import { RagSchema } from './indicator';
import { IndicatorSummarySchema } from './indicator-summary';

/** An outcome of a project's results framework. Its code (1, 2, …) follows its position. */
export const OutcomeSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  position: z.number().int(),
  version: z.number().int(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

/** An output under an outcome. Its code (1.1, 1.2, …) follows the framework. */
export const OutputSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  outcomeId: z.number().int(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  position: z.number().int(),
  version: z.number().int(),
});
export type Output = z.infer<typeof OutputSchema>;

export const CreateOutcomeInput = z.strictObject({
  title: textField(500),
  description: longText(5_000).default(''),
});
export type CreateOutcomeInput = z.infer<typeof CreateOutcomeInput>;

/** position is 1-based among the siblings; the others shift to make room. */
export const UpdateOutcomeInput = z.strictObject({
  version: VersionSchema,
  title: textField(500).optional(),
  description: longText(5_000).optional(),
  position: z.number().int().min(1).max(10_000).optional(),
});
export type UpdateOutcomeInput = z.infer<typeof UpdateOutcomeInput>;

export const CreateOutputInput = CreateOutcomeInput;
export type CreateOutputInput = CreateOutcomeInput;

export const UpdateOutputInput = UpdateOutcomeInput.extend({
  /** Moves the output (with its activities) under another outcome of the same project. */
  outcomeId: RecordIdSchema.optional(),
});
export type UpdateOutputInput = z.infer<typeof UpdateOutputInput>;

export const ResultsOutputSchema = OutputSchema.extend({
  indicators: z.array(IndicatorSummarySchema),
});

/** An outcome's status: the worst RAG among its own and its outputs' indicators, with counts. */
export const ResultsOutcomeSchema = OutcomeSchema.extend({
  indicators: z.array(IndicatorSummarySchema),
  rag: RagSchema,
  ragCounts: z.record(RagSchema, z.number().int()),
  outputs: z.array(ResultsOutputSchema),
});

/**
 * The whole framework of a project in one answer: goal and its indicators, outcomes,
 * outputs, and every indicator with its periods and progress (approved values only
 * count; partners and donors see no other values).
 */
export const ResultsSchema = z.object({
  projectId: z.number().int(),
  goal: z.string(),
  goalIndicators: z.array(IndicatorSummarySchema),
  outcomes: z.array(ResultsOutcomeSchema),
});
export type Results = z.infer<typeof ResultsSchema>;
export type ResultsOutcome = z.infer<typeof ResultsOutcomeSchema>;
