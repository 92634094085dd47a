import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { activities } from './projects';
import { subEvents } from './timeline';
import { users } from './users';
import { createdAt, id, illustrative, isoNow, timestamps, version } from './columns';
import { projectId } from './project-column';

// The diaspora registry. Every table here is classified column by column (personal or
// not) in shared/schemas/registry.ts (REGISTRY_COLUMNS); a unit test fails when a
// column is added without a classification. The registry belongs to a project: people
// and organisations are reached through project membership (docs/decisions).

export const registryOrganisations = sqliteTable(
  'registry_organisations',
  {
    id: id(),
    projectId: projectId(),
    name: text('name').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    city: text('city').notNull().default(''),
    type: text('type').notNull(),
    /** JSON array of REGISTRY_SECTORS codes. */
    sectors: text('sectors', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /**
     * The organisation's contact: a person of the registry (so erasing that person leaves
     * the link to the anonymised record, and no free-text copy of the name survives).
     */
    contactPersonId: integer('contact_person_id').references(() => registryPeople.id, { onDelete: 'set null' }),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    sizeEstimate: integer('size_estimate'),
    /** JSON array of URLs. */
    links: text('links', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    description: text('description').notNull().default(''),
    illustrative: illustrative(),
    version: version(),
    ...timestamps(),
  },
  (t) => [index('registry_organisations_project_idx').on(t.projectId, t.name), index('registry_organisations_contact_idx').on(t.contactPersonId)],
);

/** Engagement history of an organisation: dated entries, appended one by one. */
export const registryEngagements = sqliteTable(
  'registry_engagements',
  {
    id: id(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => registryOrganisations.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    note: text('note').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('registry_engagements_org_idx').on(t.organisationId, t.date)],
);

export const registryPeople = sqliteTable(
  'registry_people',
  {
    id: id(),
    projectId: projectId(),
    name: text('name').notNull(),
    /** Lower-cased, accent- and space-folded name, for search and duplicate detection. */
    nameKey: text('name_key'),
    sex: text('sex').notNull().default('not_stated'),
    birthYear: integer('birth_year'),
    /** Country of residence, ISO 3166-1 alpha-2. */
    country: text('country'),
    city: text('city'),
    yearsAbroad: integer('years_abroad'),
    occupation: text('occupation'),
    sectors: text('sectors', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    skills: text('skills', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** ISO 639-1 codes. */
    languages: text('languages', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    email: text('email'),
    /** Lower-cased email, for duplicate detection. */
    emailKey: text('email_key'),
    phone: text('phone'),
    /** PARTICIPANT_GROUPS, or null when unknown. */
    group: text('participant_group'),
    notes: text('notes'),
    illustrative: illustrative(),
    /** Set when the record was erased: its personal data is gone, its aggregates stay. */
    erasedAt: text('erased_at'),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    index('registry_people_project_idx').on(t.projectId, t.id),
    index('registry_people_name_idx').on(t.projectId, t.nameKey),
    index('registry_people_email_idx').on(t.projectId, t.emailKey),
    index('registry_people_country_idx').on(t.projectId, t.country),
  ],
);

/** Which organisations a person belongs to. */
export const registryMemberships = sqliteTable(
  'registry_memberships',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => registryPeople.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => registryOrganisations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.personId, t.organisationId] }), index('registry_memberships_org_idx').on(t.organisationId)],
);

/**
 * The consent record: append-only. A row is never updated; rows disappear only with
 * their person (a delete of a record made by mistake). Triggers in the migration refuse
 * anything else. The latest row of a person says whether consent is current.
 */
export const registryConsents = sqliteTable(
  'registry_consents',
  {
    id: id(),
    personId: integer('person_id')
      .notNull()
      .references(() => registryPeople.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['given', 'withdrawn'] }).notNull(),
    purpose: text('purpose').notNull(),
    noticeVersion: text('notice_version').notNull(),
    /** The day consent was given or withdrawn (YYYY-MM-DD). */
    date: text('date').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: text('recorded_at').notNull().default(isoNow),
  },
  (t) => [index('registry_consents_person_idx').on(t.personId, t.id)],
);

/** Who took part in an activity, or in one event (sub-event) of it. */
export const attendance = sqliteTable(
  'attendance',
  {
    id: id(),
    projectId: projectId(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    subEventId: integer('sub_event_id').references(() => subEvents.id, { onDelete: 'cascade' }),
    personId: integer('person_id')
      .notNull()
      .references(() => registryPeople.id, { onDelete: 'restrict' }),
    /** The day of attendance (YYYY-MM-DD), used for engagement over a period. */
    date: text('date').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('attendance_unique_idx').on(t.activityId, sql`coalesce(sub_event_id, 0)`, t.personId),
    index('attendance_project_idx').on(t.projectId, t.date),
    index('attendance_person_idx').on(t.personId),
    index('attendance_sub_event_idx').on(t.subEventId),
  ],
);

/** Every view or export of a person's record: who, whom, when, what — never the data itself. */
export const personAccessLog = sqliteTable(
  'person_access_log',
  {
    id: id(),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id),
    projectId: integer('project_id'),
    /** No foreign key: the log outlives a deleted record. */
    personId: integer('person_id').notNull(),
    action: text('action', { enum: ['view', 'list', 'search', 'export', 'contacts_export', 'erase', 'delete'] }).notNull(),
  },
  (t) => [index('person_access_log_person_idx').on(t.personId, t.id), index('person_access_log_user_idx').on(t.userId)],
);
