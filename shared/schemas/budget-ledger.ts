/** The ledger: commitments and expenditures, their evidence files, and their CSV import. */
import { z } from 'zod';
import { parseRate } from '../calc/fx';
import { asZodIssue, CodedIssueSchema, fieldIssue, issue, type FieldIssue } from '../issues';
import { CurrencySchema, isCurrencyCode, MoneyFigureSchema, MoneySchema, type CurrencyCode } from '../money';
import { IdSchema, IsoDateSchema, lineText, listOf, longText, PageQueryFields, RecordIdSchema, VersionSchema } from './common';
import { BudgetCategorySchema, ExpenditureTypeSchema } from './budget';
import { EVIDENCE_MAX_BYTES, evidenceFileFields } from './evidence';

/** Units of the project currency per one unit of the entry's currency, e.g. "0.0917". */
export const FxRateSchema = z.string().refine((s) => parseRate(s) !== null, asZodIssue(issue('ledger.rate_invalid')));

/**
 * The rate rule: required when the entry's currency differs from the project currency,
 * absent or exactly 1 when they are the same.
 */
export function fxRateIssues(currency: string, fxRate: string | null | undefined, projectCurrency: CurrencyCode): FieldIssue[] {
  if (!isCurrencyCode(currency)) return [];
  if (currency === projectCurrency) {
    if (fxRate == null || fxRate === '') return [];
    const rate = parseRate(fxRate);
    return rate && rate.num === rate.den ? [] : [fieldIssue('fxRate', 'ledger.rate_same_currency', { currency: projectCurrency })];
  }
  if (fxRate == null || fxRate === '') {
    return [fieldIssue('fxRate', 'ledger.rate_required', { projectCurrency, currency })];
  }
  return parseRate(fxRate) ? [] : [fieldIssue('fxRate', 'ledger.rate_invalid')];
}

/** Sign rules: zero is never an entry; a negative amount only as a correction. */
export function expenditureAmountIssues(e: { amount?: { amount?: unknown }; correction?: unknown }): FieldIssue[] {
  const amount = e.amount?.amount;
  if (typeof amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(amount)) return [];
  if (/^-?0+(\.0+)?$/.test(amount)) return [fieldIssue('amount.amount', 'ledger.zero_amount')];
  if (amount.startsWith('-') && e.correction !== true) {
    return [fieldIssue('amount.amount', 'ledger.negative_needs_correction')];
  }
  return [];
}

/** Invoices and receipts: the same types and size limit as indicator evidence, judged by content. */
export const EXPENDITURE_EVIDENCE_MAX_BYTES = EVIDENCE_MAX_BYTES;

/** A file attached to a ledger entry; download it from GET /expenditure-evidence/:id. */
export const ExpenditureEvidenceSchema = z.object({
  id: z.number().int(),
  expenditureId: z.number().int(),
  ...evidenceFileFields,
});
export type ExpenditureEvidence = z.infer<typeof ExpenditureEvidenceSchema>;

/**
 * A commitment (IATI type 2) or an expenditure (type 4) as entered, and converted into
 * the project currency once, half-even, at the rate recorded with it.
 */
export const ExpenditureSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  type: ExpenditureTypeSchema,
  iatiTransactionType: z.enum(['2', '4']),
  date: z.string(),
  /** As entered, in its own currency. */
  amount: MoneyFigureSchema,
  /** Project-currency units per one unit of amount.currency; "1" when they are the same. */
  fxRate: z.string(),
  /** In the project currency: what every sum uses. */
  converted: MoneyFigureSchema,
  budgetLineId: z.number().int().nullable(),
  activityId: z.number().int().nullable(),
  payee: z.string(),
  reference: z.string(),
  description: z.string(),
  /** A correcting entry, which may be negative. */
  correction: z.boolean(),
  illustrative: z.boolean(),
  /** Invoices and receipts attached to the entry. */
  evidence: z.array(ExpenditureEvidenceSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Expenditure = z.infer<typeof ExpenditureSchema>;

const expenditureFields = {
  type: ExpenditureTypeSchema,
  date: IsoDateSchema,
  amount: MoneySchema,
  fxRate: FxRateSchema.nullable(),
  budgetLineId: RecordIdSchema.nullable(),
  activityId: RecordIdSchema.nullable(),
  payee: lineText(300),
  reference: lineText(100),
  description: longText(2_000),
  correction: z.boolean(),
};

export const CreateExpenditureInput = z
  .strictObject({
    ...expenditureFields,
    type: expenditureFields.type.default('expenditure'),
    fxRate: expenditureFields.fxRate.optional(),
    budgetLineId: expenditureFields.budgetLineId.default(null),
    activityId: expenditureFields.activityId.default(null),
    payee: expenditureFields.payee.default(''),
    reference: expenditureFields.reference.default(''),
    description: expenditureFields.description.default(''),
    correction: expenditureFields.correction.default(false),
  })
  .superRefine((e, ctx) => {
    for (const i of expenditureAmountIssues(e)) ctx.addIssue({ code: 'custom', path: i.path.split('.'), ...asZodIssue(i) });
  });
export type CreateExpenditureInput = z.infer<typeof CreateExpenditureInput>;

/** Rate and sign rules are checked on the merged record; a changed amount or rate is converted again. */
export const UpdateExpenditureInput = z.strictObject(expenditureFields).partial().extend({ version: VersionSchema });
export type UpdateExpenditureInput = z.infer<typeof UpdateExpenditureInput>;

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListExpendituresQuery = z
  .strictObject({
    type: ExpenditureTypeSchema.optional(),
    budgetLineId: IdSchema.optional(),
    /** true: only entries booked on no budget line. */
    noBudgetLine: boolQuery.optional(),
    activityId: IdSchema.optional(),
    category: BudgetCategorySchema.optional(),
    currency: CurrencySchema.optional(),
    correction: boolQuery.optional(),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    /** Matches payee, reference or description. */
    q: lineText(100).optional(),
    ...PageQueryFields,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], ...asZodIssue(issue('ledger.to_before_from')) });
export type ListExpendituresQuery = z.infer<typeof ListExpendituresQuery>;

/** One page of the ledger; total counts every match, sums add up all matches (converted). */
export const ExpenditureListSchema = listOf(ExpenditureSchema).extend({
  page: z.number().int(),
  pageSize: z.number().int(),
  sums: z.object({ committed: MoneyFigureSchema, spent: MoneyFigureSchema }),
});
export type ExpenditureList = z.infer<typeof ExpenditureListSchema>;

// ---------------------------------------------------------------- CSV import

export const ImportExpendituresQuery = z.strictObject({
  /** 1 or true: check and preview only, write nothing. */
  dryRun: z
    .enum(['0', '1', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
});
export type ImportExpendituresQuery = z.infer<typeof ImportExpendituresQuery>;

/**
 * Columns the CSV import reads, by header (case, spaces, dashes and underscores ignored).
 * date, amount and currency are required; type is commitment|expenditure (or IATI 2|4),
 * default expenditure; budgetLineCode matches a line's code, budgetLineId its id;
 * correction is true/false/yes/no/1/0.
 */
export const IMPORT_COLUMNS = [
  'date',
  'type',
  'amount',
  'currency',
  'fxRate',
  'budgetLineCode',
  'budgetLineId',
  'activityId',
  'payee',
  'reference',
  'description',
  'correction',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * A problem of a ledger CSV: row counts records as a spreadsheet shows them (the header is
 * row 1), field is the column ('' for the whole row or file); code and params name the rule
 * (shared/issues.ts, or zod's own code for a cell zod refused), message says it in English.
 */
export const ImportRowErrorSchema = CodedIssueSchema.extend({ row: z.number().int(), field: z.string() });
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

/** A row as it would be written: the ledger entry's fields, with the row it came from. */
export const ImportPreviewRowSchema = z.object({
  row: z.number().int(),
  ...ExpenditureSchema.pick({
    type: true,
    date: true,
    amount: true,
    fxRate: true,
    converted: true,
    budgetLineId: true,
    activityId: true,
    payee: true,
    reference: true,
    correction: true,
  }).shape,
});
export type ImportPreviewRow = z.infer<typeof ImportPreviewRowSchema>;

/**
 * A dry run answers 200 with this whether or not rows fail (valid false). A real import
 * answers 201 with it when every row is valid and all were written in one transaction;
 * any row error answers 400 VALIDATION_FAILED with details.errors and writes nothing.
 */
export const ImportResultSchema = z.object({
  dryRun: z.boolean(),
  valid: z.boolean(),
  rowCount: z.number().int(),
  /** Rows written (0 on a dry run). */
  created: z.number().int(),
  rows: z.array(ImportPreviewRowSchema),
  errors: z.array(ImportRowErrorSchema),
  sums: z.object({ committed: MoneyFigureSchema, spent: MoneyFigureSchema }),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
