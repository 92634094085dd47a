import { z } from 'zod';
import { BUDGET_CATEGORIES, EXPENDITURE_TYPES } from '../calc/budget';
import { parseRate } from '../calc/fx';
import { asZodIssue, CodedIssueSchema, fieldIssue, issue, type FieldIssue } from '../issues';
import { CurrencySchema, isCurrencyCode, MoneyFigureSchema, MoneySchema, NonNegativeMoneySchema, type CurrencyCode } from '../money';
import { IdSchema, IsoDateSchema, lineText, listOf, longText, PageQueryFields, RecordIdSchema, textField, UserRefSchema, VersionSchema } from './common';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MEDIA_TYPES } from './indicator';

export const BudgetCategorySchema = z.enum(BUDGET_CATEGORIES);
export const ExpenditureTypeSchema = z.enum(EXPENDITURE_TYPES);

/** IATI TransactionType: 2 outgoing commitment, 4 expenditure. */
export const IATI_TRANSACTION_TYPE = { commitment: '2', expenditure: '4' } as const;
/** IATI BudgetType: 1 original, 2 revised. */
export const IATI_BUDGET_TYPE = { original: '1', revised: '2' } as const;

// ---------------------------------------------------------------- budget lines

/** A line of the project budget, in the project currency, optionally allocated to an activity. */
export const BudgetLineSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  /** The line's code in the budget document (e.g. "2.1"); empty when none. Used by the CSV import. */
  code: z.string(),
  title: z.string(),
  category: BudgetCategorySchema,
  activityId: z.number().int().nullable(),
  /** As first approved (IATI BudgetType 1). */
  original: MoneyFigureSchema,
  /** The latest revision (IATI BudgetType 2), null while never revised. */
  revised: MoneyFigureSchema.nullable(),
  /** revised ?? original: what the analysis counts. */
  current: MoneyFigureSchema,
  notes: z.string(),
  illustrative: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BudgetLine = z.infer<typeof BudgetLineSchema>;

const lineFields = {
  code: lineText(20).refine((c) => /^[^,;"\s]*$/.test(c), asZodIssue(issue('budget_line.code_format'))),
  title: textField(300),
  category: BudgetCategorySchema,
  activityId: RecordIdSchema.nullable(),
  notes: longText(2_000),
};

/** amount must be in the project currency; the server refuses any other with 400. */
export const CreateBudgetLineInput = z.strictObject({
  ...lineFields,
  code: lineFields.code.default(''),
  activityId: lineFields.activityId.default(null),
  notes: lineFields.notes.default(''),
  amount: NonNegativeMoneySchema,
});
export type CreateBudgetLineInput = z.infer<typeof CreateBudgetLineInput>;

/** A new amount is a revision: it needs a reason, and the original stays as it was. */
export const UpdateBudgetLineInput = z
  .strictObject(lineFields)
  .partial()
  .extend({
    version: VersionSchema,
    amount: NonNegativeMoneySchema.optional(),
    reason: longText(1_000, { trim: true }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.amount !== undefined && !v.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], ...asZodIssue(issue('budget_line.reason_required')) });
    }
  });
export type UpdateBudgetLineInput = z.infer<typeof UpdateBudgetLineInput>;

export const BudgetLineListSchema = listOf(BudgetLineSchema).extend({
  /** Sum of the lines' current amounts. */
  sum: MoneyFigureSchema,
});
export type BudgetLineList = z.infer<typeof BudgetLineListSchema>;

export const BudgetLineRevisionSchema = z.object({
  id: z.number().int(),
  budgetLineId: z.number().int(),
  /** IATI BudgetType of the amount after this change: always 2 (revised). */
  budgetType: z.literal('2'),
  from: MoneyFigureSchema,
  to: MoneyFigureSchema,
  reason: z.string(),
  user: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  at: z.string(),
});
export type BudgetLineRevision = z.infer<typeof BudgetLineRevisionSchema>;
/** Newest first; the line's original amount is on the line itself. */
export const BudgetLineRevisionListSchema = listOf(BudgetLineRevisionSchema).extend({ original: MoneyFigureSchema });
export type BudgetLineRevisionList = z.infer<typeof BudgetLineRevisionListSchema>;

// ---------------------------------------------------------------- expenditures

/** Units of the project currency per one unit of the entry's currency, e.g. "0.0917". */
export const FxRateSchema = z
  .string()
  .refine((s) => parseRate(s) !== null, asZodIssue(issue('ledger.rate_invalid')));

/**
 * The rate rule: required when the entry's currency differs from the project currency,
 * absent or exactly 1 when they are the same.
 */
export function fxRateIssues(currency: string, fxRate: string | null | undefined, projectCurrency: CurrencyCode): FieldIssue[] {
  if (!isCurrencyCode(currency)) return [];
  if (currency === projectCurrency) {
    if (fxRate == null || fxRate === '') return [];
    const rate = parseRate(fxRate);
    return rate && rate.num === rate.den
      ? []
      : [fieldIssue('fxRate', 'ledger.rate_same_currency', { currency: projectCurrency })];
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
  /** A safe display name; the file is stored under a random name. */
  fileName: z.string(),
  mediaType: z.enum(EVIDENCE_MEDIA_TYPES),
  size: z.number().int(),
  uploadedBy: UserRefSchema.nullable(),
  uploadedAt: z.string(),
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
  dryRun: z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
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

export const ImportPreviewRowSchema = z.object({
  row: z.number().int(),
  type: ExpenditureTypeSchema,
  date: z.string(),
  amount: MoneyFigureSchema,
  fxRate: z.string(),
  converted: MoneyFigureSchema,
  budgetLineId: z.number().int().nullable(),
  activityId: z.number().int().nullable(),
  payee: z.string(),
  reference: z.string(),
  correction: z.boolean(),
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

// ---------------------------------------------------------------- analysis

/** remaining = budget - spent; commitments are reported, not deducted. */
const figureFields = { budget: MoneyFigureSchema, committed: MoneyFigureSchema, spent: MoneyFigureSchema, remaining: MoneyFigureSchema };
export const BudgetFiguresSchema = z.object(figureFields);
export type BudgetFigures = z.infer<typeof BudgetFiguresSchema>;

function breakdown<T extends z.ZodType>(row: T) {
  /** unallocated: what none of the rows can claim; rows + unallocated = totals. */
  return z.object({ rows: z.array(row), unallocated: BudgetFiguresSchema });
}

export const BudgetSettingsSchema = z.object({
  projectId: z.number().int(),
  /** A line is flagged when it spends more than its budget plus this share (10 = 10 %). */
  tolerancePercent: z.number(),
  version: z.number().int(),
});
export type BudgetSettings = z.infer<typeof BudgetSettingsSchema>;

export const UpdateBudgetSettingsInput = z.strictObject({
  /** The settings' version; 1 for a project whose settings were never changed. */
  version: VersionSchema,
  tolerancePercent: z
    .number()
    .min(0)
    .max(100)
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, asZodIssue(issue('budget_settings.tolerance_decimals'))),
});
export type UpdateBudgetSettingsInput = z.infer<typeof UpdateBudgetSettingsInput>;

/** Project health on one line: time, money and work, each as a percentage. */
export const ProjectHealthSchema = z.object({
  projectId: z.number().int(),
  today: z.string(),
  span: z.object({ start: z.string(), end: z.string() }),
  timeElapsedPercent: z.number().nullable(),
  /** spent / current budget (the lines' total, else the project's budget). */
  budgetSpentPercent: z.number().nullable(),
  /** Activities weighted by planned duration; cancelled ones left out. */
  activitiesCompletePercent: z.number().nullable(),
});
export type ProjectHealth = z.infer<typeof ProjectHealthSchema>;

/** GET /projects/:id/budget: totals, every breakdown, pace and series, in one answer. */
export const BudgetAnalysisSchema = z.object({
  projectId: z.number().int(),
  currency: CurrencySchema,
  /** The budget on the project record (e.g. USD 150,000.00 for CE.0219). */
  projectBudget: MoneyFigureSchema,
  /** projectBudget - totals.budget: negative when the lines exceed the record. */
  unbudgeted: MoneyFigureSchema,
  settings: BudgetSettingsSchema,
  /** Some lines or entries are demo values, not from the published record. */
  illustrative: z.boolean(),
  totals: BudgetFiguresSchema,
  byCategory: breakdown(BudgetFiguresSchema.extend({ category: BudgetCategorySchema })),
  /** unallocated: entries booked on no budget line. */
  byLine: breakdown(
    BudgetFiguresSchema.extend({
      id: z.number().int(),
      code: z.string(),
      title: z.string(),
      category: BudgetCategorySchema,
      activityId: z.number().int().nullable(),
      original: MoneyFigureSchema,
      revised: MoneyFigureSchema.nullable(),
      /** How far spending exceeds the current budget; 0 when it does not. */
      overBy: MoneyFigureSchema,
      /** Spending exceeds the current budget by more than the tolerance. */
      warning: z.boolean(),
    }),
  ),
  /** unallocated: lines and entries tied to no activity. */
  byActivity: breakdown(
    BudgetFiguresSchema.extend({
      activityId: z.number().int(),
      title: z.string(),
      outcomeId: z.number().int(),
      outputId: z.number().int().nullable(),
    }),
  ),
  byOutcome: breakdown(BudgetFiguresSchema.extend({ outcomeId: z.number().int(), code: z.string(), title: z.string() })),
  /** unallocated: as for activities, plus activities directly under an outcome. */
  byOutput: breakdown(
    BudgetFiguresSchema.extend({ outputId: z.number().int(), outcomeId: z.number().int(), code: z.string(), title: z.string() }),
  ),
  burnRate: z.object({
    start: z.string(),
    end: z.string(),
    today: z.string(),
    elapsedPercent: z.number(),
    spentPercent: z.number().nullable(),
    /** spentPercent - elapsedPercent: above 0 spends ahead of time. */
    gapPercent: z.number().nullable(),
    /** Spending at the end at the pace so far; null before the span starts. */
    forecastAtCompletion: MoneyFigureSchema.nullable(),
  }),
  /** Month by month over the project span (widened to every entry): actual (expenditures only) vs planned. */
  series: z.array(
    z.object({
      period: z.string(),
      spent: MoneyFigureSchema,
      cumulativeSpent: MoneyFigureSchema,
      planned: MoneyFigureSchema,
      cumulativePlanned: MoneyFigureSchema,
    }),
  ),
  health: ProjectHealthSchema,
});
export type BudgetAnalysis = z.infer<typeof BudgetAnalysisSchema>;
