import { sql } from 'drizzle-orm';
import { emailKey, nameKey } from '@shared/calc/registry-duplicates';
import type { CurrentConsent, Person } from '@shared/schemas/registry';
import { personAccessLog, registryConsents, registryOrganisations, registryPeople } from '../../db/schema';

export type PersonRow = typeof registryPeople.$inferSelect;
export type PersonInsert = typeof registryPeople.$inferInsert;
export type OrganisationRow = typeof registryOrganisations.$inferSelect;
export type OrganisationInsert = typeof registryOrganisations.$inferInsert;
export type AccessAction = (typeof personAccessLog.$inferInsert)['action'];

export const NO_CONSENT: CurrentConsent = { status: 'none', purpose: null, noticeVersion: null, givenOn: null, withdrawnOn: null };

/** Consent as it stands, from a person's consent rows in the order they were appended. */
export function currentConsent(
  rows: readonly { kind: 'given' | 'withdrawn'; purpose: string; noticeVersion: string; date: string }[],
): CurrentConsent {
  const last = rows.at(-1);
  if (!last) return NO_CONSENT;
  const given = rows.findLast((r) => r.kind === 'given');
  return {
    status: last.kind,
    purpose: given?.purpose ?? null,
    noticeVersion: given?.noticeVersion ?? null,
    givenOn: given?.date ?? null,
    withdrawnOn: last.kind === 'withdrawn' ? last.date : null,
  };
}

export function toPerson(row: PersonRow, consent: CurrentConsent, organisationIds: number[]): Person {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    sex: row.sex as Person['sex'],
    birthYear: row.birthYear,
    country: row.country,
    city: row.city,
    yearsAbroad: row.yearsAbroad,
    occupation: row.occupation,
    sectors: row.sectors as Person['sectors'],
    skills: row.skills,
    languages: row.languages,
    email: row.email,
    phone: row.phone,
    group: row.group as Person['group'],
    organisationIds,
    notes: row.notes,
    consent,
    illustrative: row.illustrative,
    erased: row.erasedAt !== null,
    erasedAt: row.erasedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The storage columns of a person's fields (keys for search and duplicates included). */
export function personColumns(p: Partial<Omit<Person, 'id' | 'consent' | 'organisationIds'>>): Partial<PersonInsert> {
  const columns: Partial<PersonInsert> = {};
  const copy = [
    'name',
    'sex',
    'birthYear',
    'country',
    'city',
    'yearsAbroad',
    'occupation',
    'sectors',
    'skills',
    'languages',
    'email',
    'phone',
    'group',
    'notes',
  ] as const;
  for (const key of copy) if (p[key] !== undefined) (columns as Record<string, unknown>)[key] = p[key];
  if (p.name !== undefined) columns.nameKey = nameKey(p.name);
  if (p.email !== undefined) columns.emailKey = emailKey(p.email);
  return columns;
}

/** Rows written by one statement in bulk inserts. */
export const CHUNK = 500;

/** A person's fields as an import writes them. */
export type ImportedPerson = Omit<
  Person,
  'id' | 'projectId' | 'consent' | 'organisationIds' | 'illustrative' | 'erased' | 'erasedAt' | 'version' | 'createdAt' | 'updatedAt'
>;

/** The latest consent row's kind, per person, as SQL (null: no consent ever recorded). */
export const latestConsentKind = sql`(SELECT c.kind FROM ${registryConsents} c WHERE c.person_id = ${registryPeople.id} ORDER BY c.id DESC LIMIT 1)`;
