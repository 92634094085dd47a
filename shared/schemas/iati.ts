import { z } from 'zod';
import type { Coverage, ProjectStatus } from '../enums';

/** The IATI standard version Hamkori writes and reads. */
export const IATI_VERSION = '2.03';

/** Largest IATI file the import reads (413 beyond). */
export const IATI_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The publisher of the exported activities: IOM, whose projects Hamkori carries
 * (IATI organisation identifier XM-DAC-47066, type 40 multilateral). Activity
 * identifiers are this ref, a dash and the project code.
 */
export const REPORTING_ORG = { ref: 'XM-DAC-47066', type: '40', name: 'International Organization for Migration (IOM)' } as const;

/** DAC purpose code of the fund's projects: 15190, facilitation of orderly, safe, regular and responsible migration. */
export const DEFAULT_SECTOR = '15190';

/** IATI ActivityStatus 3 (finalisation) reads back as ongoing: Hamkori has no such stage. */
export const IATI_STATUS_TO_PROJECT: Record<string, ProjectStatus> = {
  '1': 'pipeline',
  '2': 'ongoing',
  '3': 'ongoing',
  '4': 'completed',
  '5': 'cancelled',
  '6': 'suspended',
};

/** IATI ActivityScope of each coverage (1 global, 2 regional, 4 national, 5 sub-national). */
export const COVERAGE_IATI_SCOPE: Record<Coverage, string> = { global: '1', regional: '2', national: '4', subnational: '5' };

/** Hamkori's own fields travel as tags of vocabulary 99 (reporting organisation): "region:asia_oceania". */
export const HAMKORI_TAG_VOCABULARY = '99';

/** IATI dimension names and values of the disaggregations. */
export const DIMENSION_IATI_NAME = { sex: 'sex', participantGroup: 'participant group' } as const;
export const SEX_IATI_VALUE = { women: 'female', men: 'male', other: 'other' } as const;

export const IatiImportQuery = z.strictObject({
  dryRun: z
    .enum(['0', '1', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
});
export type IatiImportQuery = z.infer<typeof IatiImportQuery>;

const CountsSchema = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() });

/** What an import does (or, on a dry run, would do) to one activity. */
export const IatiImportActivitySchema = z.object({
  identifier: z.string(),
  code: z.string(),
  title: z.string(),
  /** create: a new project; update: the project with this code exists and is brought up to date. */
  action: z.enum(['create', 'update']),
  /** The project's id: null on a dry run that would create it. */
  projectId: z.number().int().nullable(),
  outcomes: CountsSchema,
  outputs: CountsSchema,
  indicators: CountsSchema,
  periods: CountsSchema,
  values: CountsSchema,
  budgets: CountsSchema,
  transactions: CountsSchema,
  /** Things read but not taken, with why (a transaction in another currency, a value that differs from an approved one). */
  warnings: z.array(z.string()),
});
export type IatiImportActivity = z.infer<typeof IatiImportActivitySchema>;

/** POST /iati/import: 200 with dryRun true (nothing written), 201 after the import. */
export const IatiImportResultSchema = z.object({
  dryRun: z.boolean(),
  version: z.string(),
  activities: z.array(IatiImportActivitySchema),
  /** Elements Hamkori does not read, by path, with how often they occur. */
  ignored: z.array(z.object({ path: z.string(), count: z.number().int() })),
});
export type IatiImportResult = z.infer<typeof IatiImportResultSchema>;
