/**
 * Every column of every registry table, classified. `personal`: data about an identified
 * or identifiable person (or a link to one) — shown only to roles holding
 * `registry:read-personal`, and wiped by erasure unless listed in KEPT_AFTER_ERASURE.
 * `non_personal`: ids, bookkeeping, and facts about organisations or activities.
 * A unit test compares this map with the database tables, so a new column cannot ship
 * unclassified.
 */
export const REGISTRY_COLUMNS = {
  registry_people: {
    id: 'non_personal',
    project_id: 'non_personal',
    name: 'personal',
    name_key: 'personal',
    sex: 'personal',
    birth_year: 'personal',
    country: 'personal',
    city: 'personal',
    years_abroad: 'personal',
    occupation: 'personal',
    sectors: 'personal',
    skills: 'personal',
    languages: 'personal',
    email: 'personal',
    email_key: 'personal',
    phone: 'personal',
    participant_group: 'personal',
    notes: 'personal',
    illustrative: 'non_personal',
    erased_at: 'non_personal',
    version: 'non_personal',
    created_at: 'non_personal',
    updated_at: 'non_personal',
  },
  registry_organisations: {
    id: 'non_personal',
    project_id: 'non_personal',
    name: 'non_personal',
    country: 'non_personal',
    city: 'non_personal',
    type: 'non_personal',
    sectors: 'non_personal',
    // A link to a person of the registry: personal (redacted), and it stays on erasure, pointing at the anonymised record.
    contact_person_id: 'personal',
    contact_email: 'personal',
    contact_phone: 'personal',
    size_estimate: 'non_personal',
    links: 'non_personal',
    description: 'non_personal',
    illustrative: 'non_personal',
    version: 'non_personal',
    created_at: 'non_personal',
    updated_at: 'non_personal',
  },
  registry_engagements: {
    id: 'non_personal',
    organisation_id: 'non_personal',
    date: 'non_personal',
    // Meeting notes tend to name people.
    note: 'personal',
    created_by: 'non_personal',
    created_at: 'non_personal',
  },
  registry_memberships: {
    person_id: 'personal',
    organisation_id: 'non_personal',
  },
  registry_consents: {
    id: 'non_personal',
    person_id: 'personal',
    kind: 'personal',
    purpose: 'non_personal',
    notice_version: 'non_personal',
    date: 'personal',
    recorded_by: 'non_personal',
    recorded_at: 'non_personal',
  },
  attendance: {
    id: 'non_personal',
    project_id: 'non_personal',
    activity_id: 'non_personal',
    sub_event_id: 'non_personal',
    person_id: 'personal',
    date: 'non_personal',
    created_by: 'non_personal',
    created_at: 'non_personal',
  },
  person_access_log: {
    id: 'non_personal',
    at: 'non_personal',
    user_id: 'non_personal',
    project_id: 'non_personal',
    person_id: 'personal',
    action: 'non_personal',
  },
} as const satisfies Record<string, Record<string, 'personal' | 'non_personal'>>;
export type RegistryTable = keyof typeof REGISTRY_COLUMNS;

/**
 * Personal columns of a person that erasure keeps, because the registry's aggregates
 * and attendance-based indicators are disaggregated by them. Alone they do not single
 * anyone out, and their counts are published only with small-cell suppression.
 * Everything else personal is nulled; the name becomes "Erased person #id".
 */
export const KEPT_AFTER_ERASURE = ['sex', 'participant_group', 'country'] as const;

/** The personal columns of a table (for redaction and erasure). */
export function personalColumns(table: RegistryTable): string[] {
  return Object.entries(REGISTRY_COLUMNS[table])
    .filter(([, c]) => c === 'personal')
    .map(([name]) => name);
}
