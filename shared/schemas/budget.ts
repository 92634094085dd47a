import { z } from 'zod';
import { BUDGET_CATEGORIES, EXPENDITURE_TYPES } from '../calc/budget';
import { asZodIssue, issue } from '../issues';
import { CurrencySchema, MoneyFigureSchema, NonNegativeMoneySchema } from '../money';
import { lineText, listOf, longText, RecordIdSchema, textField, VersionSchema } from './common';

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
      ...BudgetLineSchema.pick({ id: true, code: true, title: true, category: true, activityId: true, original: true, revised: true }).shape,
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
  byOutput: breakdown(BudgetFiguresSchema.extend({ outputId: z.number().int(), outcomeId: z.number().int(), code: z.string(), title: z.string() })),
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
