/** The registry in aggregate, as partners and donors see it: counts with small cells suppressed. */
import { z } from 'zod';
import { IdSchema } from './common';
import { CountryCodeSchema } from './project';
import { ParticipantGroupSchema, SectorSchema, SexSchema } from './registry';

export const YEARS_ABROAD_BANDS = ['lt_1', '1_4', '5_9', '10_19', '20_plus', 'unknown'] as const;
export type YearsAbroadBand = (typeof YEARS_ABROAD_BANDS)[number];

export const RegistrySummaryQuery = z.strictObject({
  projectId: IdSchema,
  country: CountryCodeSchema.optional(),
  sector: SectorSchema.optional(),
  group: ParticipantGroupSchema.optional(),
  sex: SexSchema.optional(),
  yearsAbroad: z.enum(YEARS_ABROAD_BANDS).optional(),
});
export type RegistrySummaryQuery = z.infer<typeof RegistrySummaryQuery>;

/** A published count, or a suppressed one: a cell of fewer than 5 people, or its complement. */
export const SummaryCellSchema = z.object({
  key: z.string(),
  count: z.number().int().nullable(),
  suppressed: z.boolean(),
});
export type SummaryCell = z.infer<typeof SummaryCellSchema>;

export const REGISTRY_SUMMARY_DIMENSIONS = ['country', 'sector', 'skills', 'occupation', 'yearsAbroad', 'sex', 'group', 'languages'] as const;
export type RegistrySummaryDimension = (typeof REGISTRY_SUMMARY_DIMENSIONS)[number];

export const RegistrySummarySchema = z.object({
  projectId: z.number().int(),
  filters: z.record(z.string(), z.string()),
  threshold: z.number().int(),
  total: SummaryCellSchema,
  dimensions: z.record(z.enum(REGISTRY_SUMMARY_DIMENSIONS), z.array(SummaryCellSchema)),
});
export type RegistrySummary = z.infer<typeof RegistrySummarySchema>;
