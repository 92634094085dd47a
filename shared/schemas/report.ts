import { z } from 'zod';
import { ParticipantsSchema, ParticipantsSourceSchema } from './activity';
import { BudgetCategorySchema } from './budget';
import { ScheduleFlagSchema } from './timeline';
import { IsoDateSchema, longText, noteField, textField, VersionSchema } from './common';
import { LOCALES } from '../locales';
import { MoneyFigureSchema } from '../money';
import { asZodIssue, fieldIssue, type FieldIssue } from '../issues';
import { ACTIVITY_STATUSES, PROJECT_STATUSES } from '../enums';
import { MILESTONE_STATUSES } from '../calc/timeline';
import { RAGS } from '../calc/indicator-progress';

/** Kinds of period report; custom takes any dates. */
export const REPORT_KINDS = ['quarterly', 'interim', 'final', 'custom'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * Life of a report: draft → submitted → accepted, or submitted → returned (with the
 * reviewer's comment) → submitted again. Submitting freezes the compiled data.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The narrative sections a manager writes, in the order a report shows them. */
export const NARRATIVE_SECTIONS = ['achievements', 'challenges', 'lessonsLearned', 'nextSteps', 'risks'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

/** Elements the narrative editor may produce; anything else is removed on the server. */
export const NARRATIVE_TAGS = ['p', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'br', 'h3'] as const;
/** Link schemes allowed in a narrative's a[href]. */
export const NARRATIVE_LINK_SCHEMES = ['http', 'https', 'mailto'] as const;
export const NARRATIVE_MAX_CHARS = 50_000;

export const ReportKindSchema = z.enum(REPORT_KINDS);
export const ReportStatusSchema = z.enum(REPORT_STATUSES);
export const ReportLanguageSchema = z.enum(LOCALES);

/** Safe markup (see NARRATIVE_TAGS) per section; empty string when not written. */
export const NarrativeSchema = z.object(Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, z.string()])) as Record<NarrativeSection, z.ZodString>);
export type Narrative = z.infer<typeof NarrativeSchema>;

const narrativeText = () => longText(NARRATIVE_MAX_CHARS).optional();
const NarrativeInput = z.strictObject(
  Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, narrativeText()])) as Record<NarrativeSection, ReturnType<typeof narrativeText>>,
);

// ------------------------------------------------------------------ compiled data

const RagSchema = z.enum(RAGS);

/** One indicator in a report: baseline, target, the approved actual as of the period end, % and RAG. */
export const ReportIndicatorSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  level: z.enum(['goal', 'outcome', 'output']),
  /** Code of the outcome it sits under (outputs' indicators too); null for goal indicators. */
  outcomeCode: z.string().nullable(),
  title: z.string(),
  unit: z.string(),
  measure: z.enum(['number', 'percentage', 'qualitative']),
  baseline: z.number().nullable(),
  baselineYear: z.number().int().nullable(),
  target: z.number().nullable(),
  /** Latest approved actual of a period that ended by the report's end. */
  actual: z.number().nullable(),
  actualPeriodEnd: z.string().nullable(),
  /** Narrative of a qualitative actual. */
  narrative: z.string().nullable(),
  percent: z.number().nullable(),
  rag: RagSchema,
  /** Parts of the actual, e.g. { sex: { women: 10, men: 12 } }, from the approved value. */
  disaggregation: z.record(z.string(), z.record(z.string(), z.number().nullable())).nullable(),
  illustrative: z.boolean(),
});
export type ReportIndicator = z.infer<typeof ReportIndicatorSchema>;

export const ReportOutcomeSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  rag: RagSchema,
});
export type ReportOutcome = z.infer<typeof ReportOutcomeSchema>;

export const ReportActivitySchema = z.object({
  id: z.number().int(),
  outcomeCode: z.string(),
  title: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  percentComplete: z.number().int(),
  startSlippageDays: z.number().int().nullable(),
  finishSlippageDays: z.number().int().nullable(),
  flag: ScheduleFlagSchema.nullable(),
  /**
   * Participants as the Gantt reports them (from attendance when there is any). Absent in
   * reports frozen before reports carried participants.
   */
  participants: ParticipantsSchema.optional(),
  participantsSource: ParticipantsSourceSchema.optional(),
  attendeeCount: z.number().int().optional(),
  illustrative: z.boolean(),
});
export type ReportActivity = z.infer<typeof ReportActivitySchema>;

export const ReportMilestoneSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(['milestone', 'deliverable']),
  activityTitle: z.string().nullable(),
  dueDate: z.string(),
  doneDate: z.string().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  illustrative: z.boolean(),
});
export type ReportMilestone = z.infer<typeof ReportMilestoneSchema>;

const FiguresSchema = z.object({ budget: MoneyFigureSchema, committed: MoneyFigureSchema, spent: MoneyFigureSchema, remaining: MoneyFigureSchema });

export const ReportBudgetSchema = z.object({
  currency: z.string(),
  projectBudget: MoneyFigureSchema,
  totals: FiguresSchema,
  byCategory: z.array(FiguresSchema.extend({ category: BudgetCategorySchema })),
  byOutcome: z.array(FiguresSchema.extend({ code: z.string(), title: z.string() })),
  /** Lines and entries tied to no outcome. */
  unallocatedToOutcome: FiguresSchema,
  /** spent / budget and time elapsed of the project span, both in percent, as of compilation. */
  spentPercent: z.number().nullable(),
  timeElapsedPercent: z.number().nullable(),
  illustrative: z.boolean(),
});
export type ReportBudget = z.infer<typeof ReportBudgetSchema>;

/**
 * Everything a report shows apart from its narrative, compiled from the project's data.
 * Frozen into the report when it is submitted, so later edits do not change it.
 */
export const ReportDataSchema = z.object({
  compiledAt: z.string(),
  project: z.object({
    id: z.number().int(),
    code: z.string(),
    title: z.string(),
    description: z.string(),
    goal: z.string(),
    status: z.enum(PROJECT_STATUSES),
    type: z.string(),
    region: z.string(),
    coverage: z.string(),
    memberStates: z.array(z.string()),
    startYear: z.number().int(),
    endYear: z.number().int(),
    plannedStart: z.string().nullable(),
    plannedEnd: z.string().nullable(),
    budget: MoneyFigureSchema,
    implementingOrg: z.string(),
    funder: z.string(),
    illustrative: z.boolean(),
  }),
  outcomes: z.array(ReportOutcomeSchema),
  indicators: z.array(ReportIndicatorSchema),
  activities: z.array(ReportActivitySchema),
  milestones: z.array(ReportMilestoneSchema),
  /** Null when the budget cannot be summed (entries in another currency). */
  budget: ReportBudgetSchema.nullable(),
  /** Some of the data is demo data, not from the published record. */
  illustrative: z.boolean(),
});
export type ReportData = z.infer<typeof ReportDataSchema>;

// ------------------------------------------------------------------ reports

export const ReportSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  kind: ReportKindSchema,
  title: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  /** Language of the report's headings in downloads (a download may ask for another). */
  language: ReportLanguageSchema,
  status: ReportStatusSchema,
  narrative: NarrativeSchema,
  /** When the data was frozen (at submission); null while the report shows live data. */
  frozenAt: z.string().nullable(),
  submittedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  submittedAt: z.string().nullable(),
  reviewedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  reviewedAt: z.string().nullable(),
  /** The reviewer's comment when returned (or accepted with a note). */
  reviewComment: z.string(),
  illustrative: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Report = z.infer<typeof ReportSchema>;

/** GET /reports/:id: the report with its data (frozen when submitted, live otherwise). */
export const ReportDetailSchema = ReportSchema.extend({ data: ReportDataSchema });
export type ReportDetail = z.infer<typeof ReportDetailSchema>;

export const ReportListSchema = z.object({ items: z.array(ReportSchema), total: z.number().int() });
export type ReportList = z.infer<typeof ReportListSchema>;

/** Quarterly reports cover one calendar quarter; the other kinds any span. */
export function reportPeriodIssues(r: { kind?: unknown; periodStart?: unknown; periodEnd?: unknown }): FieldIssue[] {
  if (typeof r.periodStart !== 'string' || typeof r.periodEnd !== 'string') return [];
  if (r.periodEnd < r.periodStart) return [fieldIssue('periodEnd', 'report.end_before_start')];
  if (r.kind === 'quarterly') {
    const m = /^(\d{4})-(\d{2})-01$/.exec(r.periodStart);
    const month = m ? Number(m[2]) : 0;
    if (!m || (month - 1) % 3 !== 0) return [fieldIssue('periodStart', 'report.quarter_start')];
    const endMonth = month + 2;
    const lastDay = new Date(Date.UTC(Number(m[1]), endMonth, 0)).getUTCDate();
    const expected = `${m[1]}-${String(endMonth).padStart(2, '0')}-${lastDay}`;
    if (r.periodEnd !== expected) return [fieldIssue('periodEnd', 'report.quarter_end', { end: expected })];
  }
  return [];
}

export const CreateReportInput = z
  .strictObject({
    kind: ReportKindSchema,
    title: textField(300),
    periodStart: IsoDateSchema,
    periodEnd: IsoDateSchema,
    language: ReportLanguageSchema.default('en'),
    narrative: NarrativeInput.optional(),
  })
  .superRefine((r, ctx) => {
    for (const i of reportPeriodIssues(r)) ctx.addIssue({ code: 'custom', path: [i.path], ...asZodIssue(i) });
  });
export type CreateReportInput = z.infer<typeof CreateReportInput>;

export const UpdateReportInput = z.strictObject({
  version: VersionSchema,
  kind: ReportKindSchema.optional(),
  title: textField(300).optional(),
  periodStart: IsoDateSchema.optional(),
  periodEnd: IsoDateSchema.optional(),
  language: ReportLanguageSchema.optional(),
  narrative: NarrativeInput.optional(),
});
export type UpdateReportInput = z.infer<typeof UpdateReportInput>;

export const ReportTransitionInput = z.strictObject({ version: VersionSchema });
export type ReportTransitionInput = z.infer<typeof ReportTransitionInput>;

export const ReturnReportInput = z.strictObject({ version: VersionSchema, comment: noteField(5_000) });
export type ReturnReportInput = z.infer<typeof ReturnReportInput>;

export const AcceptReportInput = z.strictObject({ version: VersionSchema, comment: longText(5_000, { trim: true }).optional() });
export type AcceptReportInput = z.infer<typeof AcceptReportInput>;

/** Which status each action starts from and leads to. */
export const REPORT_TRANSITIONS = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  return: { from: ['submitted'], to: 'returned' },
} as const satisfies Record<string, { from: readonly ReportStatus[]; to: ReportStatus }>;

/** A report takes edits (and shows live data) only while it is with its manager. */
export const isReportEditable = (status: ReportStatus) => status === 'draft' || status === 'returned';

// ------------------------------------------------------------------ downloads

export const EXPORT_TABLES = ['indicators', 'activities', 'milestones', 'budget_categories', 'budget_outcomes'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const ExportQuery = z.strictObject({ lang: ReportLanguageSchema.optional() });
export type ExportQuery = z.infer<typeof ExportQuery>;
export const CsvExportQuery = z.strictObject({ lang: ReportLanguageSchema.optional(), table: z.enum(EXPORT_TABLES) });
export type CsvExportQuery = z.infer<typeof CsvExportQuery>;

// ------------------------------------------------------------------ donor dashboard

export const DashboardProjectSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  status: z.enum(PROJECT_STATUSES),
  illustrative: z.boolean(),
  latestReport: ReportSchema.pick({
    id: true,
    title: true,
    kind: true,
    status: true,
    periodStart: true,
    periodEnd: true,
    submittedAt: true,
  }).nullable(),
  /** Reports waiting for a donor's review. */
  awaitingReview: z.number().int(),
  outcomes: z.array(ReportOutcomeSchema.extend({ indicators: z.number().int(), percent: z.number().nullable() })),
  /** Participation summed over the activities (shared/calc/participants.ts), from attendance where recorded. */
  participants: z.object({ total: z.number().int(), counted: z.number().int(), fromAttendance: z.number().int() }),
  budget: z
    .object({ budget: MoneyFigureSchema, spent: MoneyFigureSchema, spentPercent: z.number().nullable(), timeElapsedPercent: z.number().nullable() })
    .nullable(),
});
export type DashboardProject = z.infer<typeof DashboardProjectSchema>;

export const DashboardSchema = z.object({ projects: z.array(DashboardProjectSchema), asOf: z.string() });
export type Dashboard = z.infer<typeof DashboardSchema>;

// ------------------------------------------------------------------ comparison

const changeKind = z.enum(['added', 'removed', 'changed', 'unchanged']);
/** GET /reports/:id/compare: this report against the one before it (see shared/calc/report-diff.ts). */
export const ReportComparisonSchema = z.object({
  report: ReportSchema.pick({ id: true, title: true, periodStart: true, periodEnd: true, frozenAt: true }),
  previous: ReportSchema.pick({ id: true, title: true, periodStart: true, periodEnd: true, frozenAt: true }).nullable(),
  indicators: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      title: z.string(),
      change: changeKind,
      actualBefore: z.number().nullable(),
      actualAfter: z.number().nullable(),
      actualDelta: z.number().nullable(),
      percentBefore: z.number().nullable(),
      percentAfter: z.number().nullable(),
      ragBefore: z.string().nullable(),
      ragAfter: z.string().nullable(),
    }),
  ),
  activities: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      change: changeKind,
      statusBefore: z.string().nullable(),
      statusAfter: z.string().nullable(),
      percentCompleteBefore: z.number().nullable(),
      percentCompleteAfter: z.number().nullable(),
    }),
  ),
  spend: z.array(
    z.object({
      key: z.string(),
      budgetBefore: z.number().nullable(),
      budgetAfter: z.number().nullable(),
      spentBefore: z.number().nullable(),
      spentAfter: z.number().nullable(),
      spentDelta: z.number().nullable(),
    }),
  ),
  spendComparable: z.boolean(),
  /** Digits of the currency's minor unit, to show spend figures. */
  currency: z.string().nullable(),
  counts: z.object({ indicatorsChanged: z.number().int(), activitiesChanged: z.number().int() }),
});
export type ReportComparisonView = z.infer<typeof ReportComparisonSchema>;
