import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Disaggregation } from '@shared/calc/disaggregation';
import type { DisaggregationDimension } from '@shared/enums';
import { outcomes, outputs, projects } from './projects';
import { users } from './users';
import { id, illustrative, timestamps, updatedAt, version } from './columns';
import { projectId } from './project-column';

/**
 * An indicator of the goal (no parent), an outcome or an output. Its code is not
 * stored: it follows the framework's positions at read time.
 */
export const indicators = sqliteTable(
  'indicators',
  {
    id: id(),
    projectId: projectId(),
    outcomeId: integer('outcome_id').references(() => outcomes.id, { onDelete: 'restrict' }),
    outputId: integer('output_id').references(() => outputs.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    definition: text('definition').notNull().default(''),
    unit: text('unit').notNull().default(''),
    measure: text('measure').notNull(),
    direction: text('direction').notNull(),
    aggregation: text('aggregation').notNull(),
    baselineValue: real('baseline_value'),
    baselineYear: integer('baseline_year'),
    baselineComment: text('baseline_comment').notNull().default(''),
    targetValue: real('target_value'),
    targetComment: text('target_comment').notNull().default(''),
    frequency: text('frequency').notNull(),
    disaggregations: text('disaggregations', { mode: 'json' })
      .$type<DisaggregationDimension[]>()
      .notNull()
      .default(sql`'[]'`),
    meansOfVerification: text('means_of_verification').notNull().default(''),
    dataSource: text('data_source').notNull().default(''),
    responsible: text('responsible').notNull().default(''),
    position: integer('position').notNull(),
    illustrative: illustrative(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('indicators_project_idx').on(t.projectId, t.position),
    index('indicators_outcome_idx').on(t.outcomeId),
    index('indicators_output_idx').on(t.outputId),
    check('indicators_one_parent', sql`${t.outcomeId} IS NULL OR ${t.outputId} IS NULL`),
  ],
);

/** A reporting period of an indicator, with its target. Periods of an indicator do not overlap. */
export const indicatorPeriods = sqliteTable(
  'indicator_periods',
  {
    id: id(),
    projectId: projectId(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    start: text('start').notNull(),
    end: text('end').notNull(),
    target: real('target'),
    targetDisaggregation: text('target_disaggregation', { mode: 'json' }).$type<Disaggregation>(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('indicator_periods_indicator_idx').on(t.indicatorId, t.start), index('indicator_periods_project_idx').on(t.projectId)],
);

/**
 * The actual of a period (one per period) and where it is in the approval workflow.
 * The period is locked while its value is approved.
 */
export const indicatorValues = sqliteTable(
  'indicator_values',
  {
    id: id(),
    projectId: projectId(),
    periodId: integer('period_id')
      .notNull()
      .references(() => indicatorPeriods.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('draft'),
    value: real('value'),
    numerator: real('numerator'),
    denominator: real('denominator'),
    narrative: text('narrative'),
    score: integer('score'),
    disaggregation: text('disaggregation', { mode: 'json' }).$type<Disaggregation>(),
    comment: text('comment').notNull().default(''),
    complete: integer('complete', { mode: 'boolean' }).notNull().default(false),
    reviewNote: text('review_note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    submittedBy: integer('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: text('submitted_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: text('reviewed_at'),
    illustrative: illustrative(),
    version: version(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('indicator_values_period_idx').on(t.periodId), index('indicator_values_project_idx').on(t.projectId, t.status)],
);

/** An evidence file of a value. Its content is in the file store (decision 017) under stored_name, a random name. */
export const evidenceFiles = sqliteTable(
  'evidence_files',
  {
    id: id(),
    projectId: projectId(),
    valueId: integer('value_id')
      .notNull()
      .references(() => indicatorValues.id, { onDelete: 'cascade' }),
    storedName: text('stored_name').notNull().unique(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: text('uploaded_at').notNull(),
  },
  (t) => [index('evidence_files_value_idx').on(t.valueId), index('evidence_files_project_idx').on(t.projectId)],
);

/** Per-project settings of the results framework; a project without a row uses the defaults. */
export const projectSettings = sqliteTable('project_settings', {
  projectId: integer('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  ragOnTrack: real('rag_on_track').notNull(),
  ragAtRisk: real('rag_at_risk').notNull(),
  version: version(),
  updatedAt: updatedAt(),
});
