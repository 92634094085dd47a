import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';
import { createdAt, id, illustrative, timestamps, version } from './columns';

export const projects = sqliteTable(
  'projects',
  {
    id: id(),
    code: text('code').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    goal: text('goal').notNull().default(''),
    status: text('status').notNull(),
    type: text('type').notNull(),
    region: text('region').notNull(),
    coverage: text('coverage').notNull(),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year').notNull(),
    plannedStart: text('planned_start'),
    plannedEnd: text('planned_end'),
    budgetMinor: integer('budget_minor').notNull(),
    currency: text('currency').notNull(),
    implementingOrg: text('implementing_org').notNull().default(''),
    funder: text('funder').notNull().default(''),
    illustrative: illustrative(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('projects_status_idx').on(t.status),
    index('projects_type_idx').on(t.type),
    index('projects_region_idx').on(t.region),
    index('projects_years_idx').on(t.startYear, t.endYear),
  ],
);

/** Benefiting member states (ISO 3166-1 alpha-2), one row each, so the portfolio can filter by them. */
export const projectCountries = sqliteTable(
  'project_countries',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    country: text('country').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.country] }), index('project_countries_country_idx').on(t.country)],
);

export const projectMembers = sqliteTable(
  'project_members',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('project_members_user_idx').on(t.userId)],
);

export const outcomes = sqliteTable(
  'outcomes',
  {
    id: id(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('outcomes_project_idx').on(t.projectId, t.position)],
);

export const outputs = sqliteTable(
  'outputs',
  {
    id: id(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    outcomeId: integer('outcome_id')
      .notNull()
      .references(() => outcomes.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('outputs_outcome_idx').on(t.outcomeId, t.position), index('outputs_project_idx').on(t.projectId)],
);

export const activities = sqliteTable(
  'activities',
  {
    id: id(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    outcomeId: integer('outcome_id')
      .notNull()
      .references(() => outcomes.id, { onDelete: 'restrict' }),
    outputId: integer('output_id').references(() => outputs.id, { onDelete: 'restrict' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').notNull(),
    plannedStart: text('planned_start'),
    plannedEnd: text('planned_end'),
    actualStart: text('actual_start'),
    actualEnd: text('actual_end'),
    percentComplete: integer('percent_complete').notNull().default(0),
    location: text('location').notNull().default(''),
    responsible: text('responsible').notNull().default(''),
    participantsWomen: integer('participants_women'),
    participantsMen: integer('participants_men'),
    participantsGovernment: integer('participants_government'),
    participantsDiaspora: integer('participants_diaspora'),
    participantsCivilSociety: integer('participants_civil_society'),
    participantsInternational: integer('participants_international'),
    notes: text('notes').notNull().default(''),
    position: integer('position').notNull(),
    illustrative: illustrative(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('activities_project_idx').on(t.projectId, t.outcomeId, t.position),
    index('activities_outcome_idx').on(t.outcomeId),
    index('activities_output_idx').on(t.outputId),
  ],
);

export const comments = sqliteTable(
  'comments',
  {
    id: id(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('comments_activity_idx').on(t.activityId, t.id)],
);
