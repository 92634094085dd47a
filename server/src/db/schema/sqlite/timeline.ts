import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { activities } from './projects';
import { createdAt, id, illustrative, timestamps, version } from './columns';
import { projectId } from './project-column';

/** A milestone or deliverable of a project, or of one of its activities (activity_id set). */
export const milestones = sqliteTable(
  'milestones',
  {
    id: id(),
    projectId: projectId(),
    activityId: integer('activity_id').references(() => activities.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['milestone', 'deliverable'] }).notNull(),
    title: text('title').notNull(),
    dueDate: text('due_date').notNull(),
    doneDate: text('done_date'),
    evidenceNote: text('evidence_note').notNull().default(''),
    illustrative: illustrative(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('milestones_project_idx').on(t.projectId, t.dueDate), index('milestones_activity_idx').on(t.activityId)],
);

/** One event of an activity series (a trust-building event, a seminar, a study-tour leg). */
export const subEvents = sqliteTable(
  'sub_events',
  {
    id: id(),
    projectId: projectId(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    date: text('date').notNull(),
    endDate: text('end_date'),
    place: text('place').notNull().default(''),
    participantsWomen: integer('participants_women'),
    participantsMen: integer('participants_men'),
    participantsGovernment: integer('participants_government'),
    participantsDiaspora: integer('participants_diaspora'),
    participantsCivilSociety: integer('participants_civil_society'),
    participantsInternational: integer('participants_international'),
    notes: text('notes').notNull().default(''),
    illustrative: illustrative(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('sub_events_activity_idx').on(t.activityId, t.date), index('sub_events_project_idx').on(t.projectId)],
);

/** Finish-to-start: the successor should not start before the predecessor ends. */
export const activityDependencies = sqliteTable(
  'activity_dependencies',
  {
    id: id(),
    projectId: projectId(),
    predecessorId: integer('predecessor_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    successorId: integer('successor_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('activity_dependencies_pair_idx').on(t.predecessorId, t.successorId),
    index('activity_dependencies_project_idx').on(t.projectId),
    index('activity_dependencies_successor_idx').on(t.successorId),
  ],
);
