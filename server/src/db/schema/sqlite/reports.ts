import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Narrative, ReportData } from '@shared/schemas/report';
import { users } from './users';
import { createdAt, id, illustrative, updatedAt, version } from './columns';
import { projectId } from './project-column';

/**
 * A period report of a project. `snapshot` holds the compiled data frozen at submission
 * (null while the report is a draft and shows live data); the narrative is safe markup,
 * sanitised on the way in.
 */
export const reports = sqliteTable(
  'reports',
  {
    id: id(),
    projectId: projectId(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    language: text('language').notNull().default('en'),
    status: text('status').notNull().default('draft'),
    narrative: text('narrative', { mode: 'json' }).$type<Narrative>().notNull(),
    snapshot: text('snapshot', { mode: 'json' }).$type<ReportData>(),
    frozenAt: text('frozen_at'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    submittedBy: integer('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: text('submitted_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: text('reviewed_at'),
    reviewComment: text('review_comment').notNull().default(''),
    illustrative: illustrative(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('reports_project_idx').on(t.projectId, t.periodEnd), index('reports_status_idx').on(t.status)],
);
