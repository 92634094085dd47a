import { z } from 'zod';
import { COUNTRIES } from '../codelists/iati';
import { COVERAGES, PROJECT_STATUSES, PROJECT_TYPES, REGIONS } from '../enums';
import { asZodIssue, fieldIssue, type FieldIssue } from '../issues';
import { MoneyFigureSchema, NonNegativeMoneySchema } from '../money';
import { IsoDateSchema, lineText, longText, PageQueryFields, textField, VersionSchema, YearSchema } from './common';

export const ProjectStatusSchema = z.enum(PROJECT_STATUSES);
export const ProjectTypeSchema = z.enum(PROJECT_TYPES);
export const RegionSchema = z.enum(REGIONS);
export const CoverageSchema = z.enum(COVERAGES);

export const CountryCodeSchema = z.string().refine((c) => Object.hasOwn(COUNTRIES, c), { message: 'Unknown country code (ISO 3166-1 alpha-2)' });

/** A project of the portfolio, with its published record fields. */
export const ProjectSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  goal: z.string(),
  status: ProjectStatusSchema,
  type: ProjectTypeSchema,
  region: RegionSchema,
  memberStates: z.array(z.string()),
  coverage: CoverageSchema,
  startYear: z.number().int(),
  endYear: z.number().int(),
  /** Exact dates when known; the published record may only give years. */
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  budget: MoneyFigureSchema,
  implementingOrg: z.string(),
  funder: z.string(),
  /** The whole project is demo data, not a published record. */
  illustrative: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof ProjectSchema>;

const projectFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'Letters, digits, dot, dash, slash; at most 40'),
  title: textField(300),
  description: longText(10_000),
  goal: longText(2_000),
  status: ProjectStatusSchema,
  type: ProjectTypeSchema,
  region: RegionSchema,
  memberStates: z.array(CountryCodeSchema).min(1, 'At least one member state').max(60),
  coverage: CoverageSchema,
  startYear: YearSchema,
  endYear: YearSchema,
  plannedStart: IsoDateSchema.nullable(),
  plannedEnd: IsoDateSchema.nullable(),
  budget: NonNegativeMoneySchema,
  implementingOrg: lineText(300),
  funder: lineText(300),
};

type DateSpan = {
  startYear?: number | undefined;
  endYear?: number | undefined;
  plannedStart?: string | null | undefined;
  plannedEnd?: string | null | undefined;
};

/** Checks that end does not come before start; used on create and on the merged record of an update. */
export function projectSpanIssues(p: DateSpan): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // Also called by zod when other fields already failed, so types are checked, not assumed.
  if (typeof p.plannedStart !== 'string' && p.plannedStart != null) return issues;
  if (typeof p.plannedEnd !== 'string' && p.plannedEnd != null) return issues;
  if (p.startYear !== undefined && p.endYear !== undefined && p.endYear < p.startYear) {
    issues.push(fieldIssue('endYear', 'project.end_year_before_start'));
  }
  if (p.plannedStart && p.plannedEnd && p.plannedEnd < p.plannedStart) {
    issues.push(fieldIssue('plannedEnd', 'project.end_before_start'));
  }
  if (p.plannedStart && p.startYear !== undefined && Number(p.plannedStart.slice(0, 4)) !== p.startYear) {
    issues.push(fieldIssue('plannedStart', 'project.start_not_in_year'));
  }
  if (p.plannedEnd && p.endYear !== undefined && Number(p.plannedEnd.slice(0, 4)) !== p.endYear) {
    issues.push(fieldIssue('plannedEnd', 'project.end_not_in_year'));
  }
  return issues;
}

export const CreateProjectInput = z
  .strictObject({
    ...projectFields,
    description: projectFields.description.default(''),
    goal: projectFields.goal.default(''),
    plannedStart: projectFields.plannedStart.default(null),
    plannedEnd: projectFields.plannedEnd.default(null),
    implementingOrg: projectFields.implementingOrg.default(''),
    funder: projectFields.funder.default(''),
  })
  .superRefine((p, ctx) => {
    for (const i of projectSpanIssues(p)) ctx.addIssue({ code: 'custom', path: [i.path], ...asZodIssue(i) });
  });
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

export const UpdateProjectInput = z.strictObject(projectFields).partial().extend({ version: VersionSchema });
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

const yearQuery = z
  .string()
  .regex(/^\d{4}$/, 'A four-digit year')
  .transform(Number);

export const ListProjectsQuery = z.strictObject({
  q: lineText(100).optional(),
  status: ProjectStatusSchema.optional(),
  type: ProjectTypeSchema.optional(),
  region: RegionSchema.optional(),
  memberState: CountryCodeSchema.optional(),
  year: yearQuery.optional(),
  ...PageQueryFields,
});
export type ListProjectsQuery = z.infer<typeof ListProjectsQuery>;

export const ProjectListSchema = z.object({ items: z.array(ProjectSchema), total: z.number().int() });
export type ProjectList = z.infer<typeof ProjectListSchema>;
