import { z } from 'zod';
import { CONSENT_STATUSES, ORGANISATION_TYPES, PARTICIPANT_GROUPS, REGISTRY_SECTORS, SEXES } from '../enums';
import { asZodIssue, CodedIssueSchema, issue } from '../issues';
import { IdSchema, IsoDateSchema, lineText, listOf, longText, noteField, PageQueryFields, RecordIdSchema, textField, UserRefSchema, VersionSchema } from './common';
import { CountryCodeSchema } from './project';

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

export const SexSchema = z.enum(SEXES);
export const SectorSchema = z.enum(REGISTRY_SECTORS);
export const OrganisationTypeSchema = z.enum(ORGANISATION_TYPES);
export const ParticipantGroupSchema = z.enum(PARTICIPANT_GROUPS);
export const ConsentStatusSchema = z.enum(CONSENT_STATUSES);

/** Optional text, single-line unless multiLine: trimmed, and empty means none (null). */
function optionalText(max: number, { multiLine = false }: { multiLine?: boolean } = {}) {
  return (multiLine ? longText(max, { trim: true }) : lineText(max)).transform((s) => s || null).nullable();
}

const currentYear = () => new Date().getUTCFullYear();
export const BirthYearSchema = z
  .number()
  .int()
  .min(1900)
  .refine((y) => y <= currentYear(), 'Not a past year');
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('Not an email address'));
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{5,30}$/, 'Digits, spaces and + ( ) - . / only, 5 to 30 characters');
/** ISO 639-1 (two letters) or 639-3 (three). */
export const LanguageCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'A two- or three-letter language code (ISO 639)');
const SkillSchema = textField(80).transform((s) => s.toLowerCase());

/** Consent as it stands now, derived from the latest row of the consent record. */
export const CurrentConsentSchema = z.object({
  status: ConsentStatusSchema,
  purpose: z.string().nullable(),
  noticeVersion: z.string().nullable(),
  givenOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
});
export type CurrentConsent = z.infer<typeof CurrentConsentSchema>;

/** A person in the registry (personal data: only admins and project managers see it). */
export const PersonSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  name: z.string(),
  sex: SexSchema,
  birthYear: z.number().int().nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  yearsAbroad: z.number().int().nullable(),
  occupation: z.string().nullable(),
  sectors: z.array(SectorSchema),
  skills: z.array(z.string()),
  languages: z.array(z.string()),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  group: ParticipantGroupSchema.nullable(),
  organisationIds: z.array(z.number().int()),
  notes: z.string().nullable(),
  consent: CurrentConsentSchema,
  /** Demo data, not a real person. */
  illustrative: z.boolean(),
  erased: z.boolean(),
  erasedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;
export const PersonListSchema = listOf(PersonSchema);
export type PersonList = z.infer<typeof PersonListSchema>;

export const ConsentInput = z.strictObject({
  purpose: textField(500),
  noticeVersion: textField(50),
  givenOn: IsoDateSchema,
});
export type ConsentInput = z.infer<typeof ConsentInput>;

const personFields = {
  name: textField(200),
  sex: SexSchema,
  birthYear: BirthYearSchema.nullable(),
  country: CountryCodeSchema.nullable(),
  city: optionalText(120),
  yearsAbroad: z.number().int().min(0).max(100).nullable(),
  occupation: optionalText(200),
  sectors: z.array(SectorSchema).max(20),
  skills: z.array(SkillSchema).max(30),
  languages: z.array(LanguageCodeSchema).max(20),
  email: EmailSchema.nullable(),
  phone: PhoneSchema.nullable(),
  group: ParticipantGroupSchema.nullable(),
  organisationIds: z.array(RecordIdSchema).max(50),
  notes: optionalText(5_000, { multiLine: true }),
};

export const CreatePersonInput = z.strictObject({
  projectId: RecordIdSchema,
  ...personFields,
  sex: personFields.sex.default('not_stated'),
  birthYear: personFields.birthYear.default(null),
  country: personFields.country.default(null),
  city: personFields.city.default(null),
  yearsAbroad: personFields.yearsAbroad.default(null),
  occupation: personFields.occupation.default(null),
  sectors: personFields.sectors.default([]),
  skills: personFields.skills.default([]),
  languages: personFields.languages.default([]),
  email: personFields.email.default(null),
  phone: personFields.phone.default(null),
  group: personFields.group.default(null),
  organisationIds: personFields.organisationIds.default([]),
  notes: personFields.notes.default(null),
  /** Consent given when the record is made; it starts the append-only consent record. */
  consent: ConsentInput.optional(),
});
export type CreatePersonInput = z.infer<typeof CreatePersonInput>;
/** The fields of a new person without its project (inline creation from an attendance sheet). */
export const NewPersonFields = CreatePersonInput.omit({ projectId: true });
export type NewPersonFields = z.infer<typeof NewPersonFields>;

export const UpdatePersonInput = z
  .strictObject(personFields)
  .partial()
  .extend({ version: VersionSchema, note: longText(1_000, { trim: true }).optional() });
export type UpdatePersonInput = z.infer<typeof UpdatePersonInput>;

const idQuery = IdSchema;

/** List filters are deliberately non-personal: no names or emails in URLs (use search). */
export const ListPeopleQuery = z.strictObject({
  projectId: idQuery,
  country: CountryCodeSchema.optional(),
  sector: SectorSchema.optional(),
  group: ParticipantGroupSchema.optional(),
  consent: ConsentStatusSchema.optional(),
  organisationId: idQuery.optional(),
  ...PageQueryFields,
});
export type ListPeopleQuery = z.infer<typeof ListPeopleQuery>;

/** Search by name or email travels in a POST body, so it stays out of URLs and logs. */
export const SearchPeopleInput = z
  .strictObject({
    projectId: RecordIdSchema,
    q: textField(200).optional(),
    email: z.string().trim().toLowerCase().max(254).optional(),
    page: z.number().int().min(1).max(100_000).optional(),
    pageSize: z.number().int().min(1).max(200).optional(),
  })
  .refine((s) => s.q !== undefined || s.email !== undefined, { message: 'Give a name (q) or an email', path: ['q'] });
export type SearchPeopleInput = z.infer<typeof SearchPeopleInput>;

export const ProjectIdQuery = z.strictObject({ projectId: idQuery });

/** One row of the append-only consent record. */
export const ConsentRecordSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  kind: z.enum(['given', 'withdrawn']),
  purpose: z.string(),
  noticeVersion: z.string(),
  date: z.string(),
  recordedBy: UserRefSchema.nullable(),
  recordedAt: z.string(),
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;
export const ConsentListSchema = listOf(ConsentRecordSchema);

export const WithdrawConsentInput = z.strictObject({
  /** Defaults to today. */
  withdrawnOn: IsoDateSchema.optional(),
});
export type WithdrawConsentInput = z.infer<typeof WithdrawConsentInput>;

/** Erasure cannot be undone, so the client confirms it and names the version it saw. */
export const ErasePersonInput = z.strictObject({ version: VersionSchema, confirm: z.literal(true) });
export type ErasePersonInput = z.infer<typeof ErasePersonInput>;

/** Everything the registry holds about one person (a subject access request). */
export const PersonExportSchema = z.object({
  exportedAt: z.string(),
  person: PersonSchema,
  consents: z.array(ConsentRecordSchema),
  organisations: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** Organisations that name the person as their contact. */
  contactFor: z.array(z.object({ id: z.number().int(), name: z.string() })),
  attendance: z.array(
    z.object({
      activityId: z.number().int(),
      activityTitle: z.string(),
      subEventId: z.number().int().nullable(),
      subEventTitle: z.string().nullable(),
      date: z.string(),
    }),
  ),
});
export type PersonExport = z.infer<typeof PersonExportSchema>;

// Organisations

export const EngagementSchema = z.object({
  id: z.number().int(),
  date: z.string(),
  /** null when the caller may not see personal data. */
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Engagement = z.infer<typeof EngagementSchema>;

/** An organisation's contact: a person of the registry (after erasure, "Erased person #id"). */
export const ContactPersonSchema = z.object({ id: z.number().int(), name: z.string(), erased: z.boolean() });
export type ContactPerson = z.infer<typeof ContactPersonSchema>;

/**
 * A diaspora organisation. Contact fields and engagement notes are personal: they come
 * back null (and `redacted: true`) to partners and donors.
 */
export const OrganisationSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  name: z.string(),
  country: z.string(),
  city: z.string(),
  type: OrganisationTypeSchema,
  sectors: z.array(SectorSchema),
  contactPerson: ContactPersonSchema.nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  sizeEstimate: z.number().int().nullable(),
  links: z.array(z.string()),
  description: z.string(),
  engagements: z.array(EngagementSchema),
  memberCount: z.number().int(),
  illustrative: z.boolean(),
  redacted: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;
export const OrganisationListSchema = listOf(OrganisationSchema);

const HttpUrl = z.url({ protocol: /^https?$/ });
const UrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((s) => HttpUrl.safeParse(s).success, asZodIssue(issue('organisation.link_invalid')));

const organisationFields = {
  name: textField(300),
  country: CountryCodeSchema,
  city: lineText(120),
  type: OrganisationTypeSchema,
  sectors: z.array(SectorSchema).max(20),
  /** A person of the same project's registry, not erased; null for none. */
  contactPersonId: RecordIdSchema.nullable(),
  contactEmail: EmailSchema.nullable(),
  contactPhone: PhoneSchema.nullable(),
  sizeEstimate: z.number().int().min(0).max(100_000_000).nullable(),
  links: z.array(UrlSchema).max(20),
  description: longText(5_000),
};

export const CreateOrganisationInput = z.strictObject({
  projectId: RecordIdSchema,
  ...organisationFields,
  city: organisationFields.city.default(''),
  sectors: organisationFields.sectors.default([]),
  contactPersonId: organisationFields.contactPersonId.default(null),
  contactEmail: organisationFields.contactEmail.default(null),
  contactPhone: organisationFields.contactPhone.default(null),
  sizeEstimate: organisationFields.sizeEstimate.default(null),
  links: organisationFields.links.default([]),
  description: organisationFields.description.default(''),
});
export type CreateOrganisationInput = z.infer<typeof CreateOrganisationInput>;

export const UpdateOrganisationInput = z.strictObject(organisationFields).partial().extend({ version: VersionSchema });
export type UpdateOrganisationInput = z.infer<typeof UpdateOrganisationInput>;

export const ListOrganisationsQuery = z.strictObject({
  projectId: idQuery,
  country: CountryCodeSchema.optional(),
  type: OrganisationTypeSchema.optional(),
  sector: SectorSchema.optional(),
});
export type ListOrganisationsQuery = z.infer<typeof ListOrganisationsQuery>;

export const CreateEngagementInput = z.strictObject({
  date: IsoDateSchema,
  note: noteField(5_000),
});
export type CreateEngagementInput = z.infer<typeof CreateEngagementInput>;

// Mapping-survey import

/** Registry fields a survey column can be mapped to. */
export const IMPORT_FIELDS = [
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
  'organisations',
  'notes',
  'consent',
  'consentDate',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Which column of the file (by its header) feeds each registry field. `name` is required. */
export const ImportMappingSchema = z
  .partialRecord(z.enum(IMPORT_FIELDS), z.string().trim().min(1).max(200))
  .refine((m) => m.name !== undefined, { path: ['name'], ...asZodIssue(issue('survey.mapping_name_required')) });
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/**
 * What to do with one row flagged as a duplicate: merge it into an existing person,
 * into an earlier row of the same file, create a new person anyway, or skip it.
 * Invalid rows can only be skipped.
 */
export const ImportDecisionSchema = z.union([
  z.strictObject({ action: z.literal('merge'), personId: RecordIdSchema }),
  z.strictObject({ action: z.literal('merge'), row: z.number().int().min(2) }),
  z.strictObject({ action: z.literal('create') }),
  z.strictObject({ action: z.literal('skip') }),
]);
export type ImportDecision = z.infer<typeof ImportDecisionSchema>;
/** Keyed by the row number as a spreadsheet shows it (the header is row 1). */
export const ImportDecisionsSchema = z.record(z.string().regex(/^\d+$/), ImportDecisionSchema);
export type ImportDecisions = z.infer<typeof ImportDecisionsSchema>;

export const ImportQuery = z.strictObject({
  projectId: idQuery,
  dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
});

/** The consent a survey recorded, applied to rows whose consent column says yes. */
export const ImportConsentSchema = z.strictObject({
  purpose: textField(500),
  noticeVersion: textField(50),
});

/** A problem of one cell of a survey row: the registry field, the file's column, and the rule (shared/issues.ts, or zod's own code). */
export const ImportIssueSchema = CodedIssueSchema.extend({ field: z.string(), column: z.string().nullable() });
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

export const DuplicateMatchSchema = z.object({
  /** An existing person of the registry, or an earlier row of the same file. */
  personId: z.number().int().nullable(),
  row: z.number().int().nullable(),
  name: z.string(),
  /**
   * Same email; same name (in either script), birth year and country; or, in the warning
   * before saving one person only, the same name with nothing known that contradicts it.
   */
  reason: z.enum(['email', 'name_birth_year_country', 'name']),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatchSchema>;

/**
 * Possible duplicates of a person about to be created or changed, for a warning before
 * saving (shared/calc/registry-duplicates.ts, possibleDuplicates): the same email, or
 * the same name in either script with no birth year or country contradicting it. A POST
 * body, as it carries personal data.
 */
export const CheckDuplicatesInput = z.strictObject({
  projectId: RecordIdSchema,
  name: textField(200),
  birthYear: BirthYearSchema.nullable().default(null),
  country: CountryCodeSchema.nullable().default(null),
  email: EmailSchema.nullable().default(null),
  /** The person being edited: not a duplicate of themselves. */
  personId: RecordIdSchema.optional(),
});
export type CheckDuplicatesInput = z.infer<typeof CheckDuplicatesInput>;

export const DuplicateCheckSchema = z.object({ items: z.array(DuplicateMatchSchema) });
export type DuplicateCheck = z.infer<typeof DuplicateCheckSchema>;

/** What stops a commit, by row (1: the file as a whole). */
export const ImportBlockSchema = CodedIssueSchema.extend({ row: z.number().int() });
export type ImportBlock = z.infer<typeof ImportBlockSchema>;

export const ImportRowReportSchema = z.object({
  row: z.number().int(),
  status: z.enum(['ok', 'invalid', 'duplicate']),
  issues: z.array(ImportIssueSchema),
  /** What was read but left out (an unknown sector, language or organisation). */
  warnings: z.array(CodedIssueSchema),
  duplicates: z.array(DuplicateMatchSchema),
  decision: ImportDecisionSchema.nullable(),
});
export type ImportRowReport = z.infer<typeof ImportRowReportSchema>;

export const ImportPreviewSchema = z.object({
  dryRun: z.literal(true),
  columns: z.array(z.object({ header: z.string(), samples: z.array(z.string()) })),
  mapping: z.record(z.string(), z.string()),
  /** A mapping guessed from the headers, for the mapping screen to start from. */
  suggestedMapping: z.record(z.string(), z.string()),
  totals: z.object({ rows: z.number().int(), ok: z.number().int(), invalid: z.number().int(), duplicate: z.number().int() }),
  /** Rows with issues, warnings or duplicates; clean rows are only counted. */
  rows: z.array(ImportRowReportSchema),
  /** What would stop a commit with the decisions sent: undecided duplicates, invalid rows not skipped. */
  blocking: z.array(ImportBlockSchema),
  /** The first rows as they would be stored, to check the mapping by eye. */
  preview: z.array(z.record(z.string(), z.unknown())),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = z.object({
  dryRun: z.literal(false),
  created: z.number().int(),
  merged: z.number().int(),
  skipped: z.number().int(),
  consents: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

// Summary (what partners and donors see)

export const YEARS_ABROAD_BANDS = ['lt_1', '1_4', '5_9', '10_19', '20_plus', 'unknown'] as const;
export type YearsAbroadBand = (typeof YEARS_ABROAD_BANDS)[number];

export const RegistrySummaryQuery = z.strictObject({
  projectId: idQuery,
  country: CountryCodeSchema.optional(),
  sector: SectorSchema.optional(),
  group: ParticipantGroupSchema.optional(),
  sex: SexSchema.optional(),
  yearsAbroad: z.enum(YEARS_ABROAD_BANDS).optional(),
});
export type RegistrySummaryQuery = z.infer<typeof RegistrySummaryQuery>;

/** A published count, or a suppressed one: a cell of fewer than 5 people, or its complement. */
export const SummaryCellSchema = z.object({
  key: z.string(),
  count: z.number().int().nullable(),
  suppressed: z.boolean(),
});
export type SummaryCell = z.infer<typeof SummaryCellSchema>;

export const REGISTRY_SUMMARY_DIMENSIONS = [
  'country',
  'sector',
  'skills',
  'occupation',
  'yearsAbroad',
  'sex',
  'group',
  'languages',
] as const;
export type RegistrySummaryDimension = (typeof REGISTRY_SUMMARY_DIMENSIONS)[number];

export const RegistrySummarySchema = z.object({
  projectId: z.number().int(),
  filters: z.record(z.string(), z.string()),
  threshold: z.number().int(),
  total: SummaryCellSchema,
  dimensions: z.record(z.enum(REGISTRY_SUMMARY_DIMENSIONS), z.array(SummaryCellSchema)),
});
export type RegistrySummary = z.infer<typeof RegistrySummarySchema>;
