/** People of the registry: their records, consent, search, erasure and export. */
import { z } from 'zod';
import { CONSENT_STATUSES, ORGANISATION_TYPES, PARTICIPANT_GROUPS, REGISTRY_SECTORS, SEXES } from '../enums';
import {
  IdSchema,
  IsoDateSchema,
  lineText,
  listOf,
  longText,
  PageQueryFields,
  RecordIdSchema,
  textField,
  UserRefSchema,
  VersionSchema,
} from './common';
import { CountryCodeSchema } from './project';

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
export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('Not an email address'));
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

/** List filters are deliberately non-personal: no names or emails in URLs (use search). */
export const ListPeopleQuery = z.strictObject({
  projectId: IdSchema,
  country: CountryCodeSchema.optional(),
  sector: SectorSchema.optional(),
  group: ParticipantGroupSchema.optional(),
  consent: ConsentStatusSchema.optional(),
  organisationId: IdSchema.optional(),
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

export const ProjectIdQuery = z.strictObject({ projectId: IdSchema });

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

// Possible duplicates

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
