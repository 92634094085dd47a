import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { activities, projects } from './projects';
import { users } from './users';
import { id, illustrative, timestamps, updatedAt, version } from './columns';
import { projectId } from './project-column';

/**
 * A line of a project budget, in the project currency. The original amount (IATI
 * BudgetType 1) never changes; a revision sets the revised amount (BudgetType 2) and
 * leaves a row in budget_line_revisions with its reason. Deleting an activity keeps its
 * lines, unallocated.
 */
export const budgetLines = sqliteTable(
  'budget_lines',
  {
    id: id(),
    projectId: projectId(),
    activityId: integer('activity_id').references(() => activities.id, { onDelete: 'set null' }),
    code: text('code').notNull().default(''),
    title: text('title').notNull(),
    category: text('category').notNull(),
    originalMinor: integer('original_minor').notNull(),
    revisedMinor: integer('revised_minor'),
    currency: text('currency').notNull(),
    notes: text('notes').notNull().default(''),
    illustrative: illustrative(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('budget_lines_project_idx').on(t.projectId, t.category), index('budget_lines_activity_idx').on(t.activityId)],
);

/** Every change of a line's amount, from → to, with the reason given for it. */
export const budgetLineRevisions = sqliteTable(
  'budget_line_revisions',
  {
    id: id(),
    budgetLineId: integer('budget_line_id')
      .notNull()
      .references(() => budgetLines.id, { onDelete: 'cascade' }),
    projectId: integer('project_id').notNull(),
    fromMinor: integer('from_minor').notNull(),
    toMinor: integer('to_minor').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    at: text('at').notNull(),
  },
  (t) => [index('budget_line_revisions_line_idx').on(t.budgetLineId, t.id)],
);

/**
 * The ledger: commitments (IATI transaction type 2) and expenditures (type 4). The
 * amount is kept as entered (minor units of its own currency) with the rate string,
 * and converted once, half-even, into the project currency; sums use the converted value.
 */
export const expenditures = sqliteTable(
  'expenditures',
  {
    id: id(),
    projectId: projectId(),
    budgetLineId: integer('budget_line_id').references(() => budgetLines.id, { onDelete: 'restrict' }),
    activityId: integer('activity_id').references(() => activities.id, { onDelete: 'set null' }),
    type: text('type', { enum: ['commitment', 'expenditure'] }).notNull(),
    date: text('date').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    fxRate: text('fx_rate').notNull(),
    convertedMinor: integer('converted_minor').notNull(),
    convertedCurrency: text('converted_currency').notNull(),
    payee: text('payee').notNull().default(''),
    reference: text('reference').notNull().default(''),
    description: text('description').notNull().default(''),
    correction: integer('correction', { mode: 'boolean' }).notNull().default(false),
    illustrative: illustrative(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('expenditures_project_idx').on(t.projectId, t.date, t.id),
    index('expenditures_line_idx').on(t.budgetLineId),
    index('expenditures_activity_idx').on(t.activityId),
  ],
);

/** Per-project budget settings; a project without a row uses the defaults (10 % tolerance). */
export const budgetSettings = sqliteTable('budget_settings', {
  projectId: integer('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  /** How far a line may overspend before it is flagged, in basis points (1000 = 10 %). */
  toleranceBp: integer('tolerance_bp').notNull().default(1000),
  version: version(),
  updatedAt: updatedAt(),
});

/** An evidence file of a ledger entry (invoice, receipt). Its content is in the file store (decision 017) under stored_name. */
export const expenditureFiles = sqliteTable(
  'expenditure_files',
  {
    id: id(),
    projectId: projectId(),
    expenditureId: integer('expenditure_id')
      .notNull()
      .references(() => expenditures.id, { onDelete: 'cascade' }),
    storedName: text('stored_name').notNull().unique(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: text('uploaded_at').notNull(),
  },
  (t) => [index('expenditure_files_entry_idx').on(t.expenditureId), index('expenditure_files_project_idx').on(t.projectId)],
);
