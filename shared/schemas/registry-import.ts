/** Importing a mapping survey (CSV or XLSX) into the registry: mapping, preview, decisions and result. */
import { z } from 'zod';
import { asZodIssue, CodedIssueSchema, issue } from '../issues';
import { IdSchema, RecordIdSchema, textField } from './common';
import { DuplicateMatchSchema } from './registry';

/** Registry fields a survey column can be mapped to. */
export const IMPORT_FIELDS = [
  'name',
  'sex',
  'birthYear',
  'country',
  'city',
  'yearsAbroad',
  'occupation',
  'sectors',
  'skills',
  'languages',
  'email',
  'phone',
  'group',
  'organisations',
  'notes',
  'consent',
  'consentDate',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which column of the file (by its header) feeds each registry field. `name` is required. */
export const ImportMappingSchema = z
  .partialRecord(z.enum(IMPORT_FIELDS), z.string().trim().min(1).max(200))
  .refine((m) => m.name !== undefined, { path: ['name'], ...asZodIssue(issue('survey.mapping_name_required')) });
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/**
 * What to do with one row flagged as a duplicate: merge it into an existing person,
 * into an earlier row of the same file, create a new person anyway, or skip it.
 * Invalid rows can only be skipped.
 */
export const ImportDecisionSchema = z.union([
  z.strictObject({ action: z.literal('merge'), personId: RecordIdSchema }),
  z.strictObject({ action: z.literal('merge'), row: z.number().int().min(2) }),
  z.strictObject({ action: z.literal('create') }),
  z.strictObject({ action: z.literal('skip') }),
]);
export type ImportDecision = z.infer<typeof ImportDecisionSchema>;
/** Keyed by the row number as a spreadsheet shows it (the header is row 1). */
export const ImportDecisionsSchema = z.record(z.string().regex(/^\d+$/), ImportDecisionSchema);
export type ImportDecisions = z.infer<typeof ImportDecisionsSchema>;

export const ImportQuery = z.strictObject({
  projectId: IdSchema,
  dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
});

/** The consent a survey recorded, applied to rows whose consent column says yes. */
export const ImportConsentSchema = z.strictObject({
  purpose: textField(500),
  noticeVersion: textField(50),
});

/** A problem of one cell of a survey row: the registry field, the file's column, and the rule (shared/issues.ts, or zod's own code). */
export const ImportIssueSchema = CodedIssueSchema.extend({ field: z.string(), column: z.string().nullable() });
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

/** What stops a commit, by row (1: the file as a whole). */
export const ImportBlockSchema = CodedIssueSchema.extend({ row: z.number().int() });
export type ImportBlock = z.infer<typeof ImportBlockSchema>;

export const ImportRowReportSchema = z.object({
  row: z.number().int(),
  status: z.enum(['ok', 'invalid', 'duplicate']),
  issues: z.array(ImportIssueSchema),
  /** What was read but left out (an unknown sector, language or organisation). */
  warnings: z.array(CodedIssueSchema),
  duplicates: z.array(DuplicateMatchSchema),
  decision: ImportDecisionSchema.nullable(),
});
export type ImportRowReport = z.infer<typeof ImportRowReportSchema>;

export const ImportPreviewSchema = z.object({
  dryRun: z.literal(true),
  columns: z.array(z.object({ header: z.string(), samples: z.array(z.string()) })),
  mapping: z.record(z.string(), z.string()),
  /** A mapping guessed from the headers, for the mapping screen to start from. */
  suggestedMapping: z.record(z.string(), z.string()),
  totals: z.object({ rows: z.number().int(), ok: z.number().int(), invalid: z.number().int(), duplicate: z.number().int() }),
  /** Rows with issues, warnings or duplicates; clean rows are only counted. */
  rows: z.array(ImportRowReportSchema),
  /** What would stop a commit with the decisions sent: undecided duplicates, invalid rows not skipped. */
  blocking: z.array(ImportBlockSchema),
  /** The first rows as they would be stored, to check the mapping by eye. */
  preview: z.array(z.record(z.string(), z.unknown())),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  dryRun: z.literal(false),
  created: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  consents: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
