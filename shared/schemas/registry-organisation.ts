/** Diaspora organisations of the registry and the engagement log kept with each. */
import { z } from 'zod';
import { asZodIssue, issue } from '../issues';
import { IdSchema, IsoDateSchema, lineText, listOf, longText, noteField, RecordIdSchema, textField, VersionSchema } from './common';
import { CountryCodeSchema } from './project';
import { EmailSchema, OrganisationTypeSchema, PhoneSchema, SectorSchema } from './registry';

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
  projectId: IdSchema,
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
