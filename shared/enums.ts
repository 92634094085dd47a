/** Roles a user account can hold. Membership per project decides which projects a role applies to. */
export const ROLES = ['admin', 'manager', 'partner', 'donor'] as const;
export type Role = (typeof ROLES)[number];

/** The six kinds of activity in a diaspora-engagement project, plus a catch-all. */
export const ACTIVITY_KINDS = [
  'national_forum',
  'diaspora_mapping',
  'study_tour',
  'trust_building_series',
  'action_plan_update',
  'joint_seminar_series',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_STATUSES = ['planned', 'in_progress', 'completed', 'on_hold', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Participant groups counted on activities (and later used for disaggregation). */
export const PARTICIPANT_GROUPS = ['government', 'diaspora', 'civil_society', 'international'] as const;
export type ParticipantGroup = (typeof PARTICIPANT_GROUPS)[number];

/** Sex as recorded in the diaspora registry; 'not_stated' when the person did not say. */
export const SEXES = ['female', 'male', 'other', 'not_stated'] as const;
export type Sex = (typeof SEXES)[number];

/** Kinds of diaspora organisation in the registry. */
export const ORGANISATION_TYPES = ['association', 'business_network', 'student_group', 'religious_cultural', 'professional', 'other'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Sectors of work and interest used by the registry (people and organisations) and its summary. */
export const REGISTRY_SECTORS = [
  'agriculture',
  'business_trade',
  'construction',
  'culture_arts',
  'education',
  'energy',
  'engineering',
  'finance_banking',
  'health',
  'it_telecom',
  'legal',
  'media',
  'ngo_civil_society',
  'public_administration',
  'science_research',
  'tourism_hospitality',
  'transport_logistics',
  'other',
] as const;
export type RegistrySector = (typeof REGISTRY_SECTORS)[number];

/** A person's consent as of now: given (and not withdrawn), withdrawn, or never recorded. */
export const CONSENT_STATUSES = ['given', 'withdrawn', 'none'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Project lifecycle; each maps to an IATI ActivityStatus code for data exchange. */
export const PROJECT_STATUSES = ['pipeline', 'ongoing', 'completed', 'suspended', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_IATI_CODE: Record<ProjectStatus, string> = {
  pipeline: '1',
  ongoing: '2',
  completed: '4',
  cancelled: '5',
  suspended: '6',
};

/** Project types used by the fund's portfolio. */
export const PROJECT_TYPES = [
  'community_economic_development',
  'migration_management',
  'migration_health',
  'labour_mobility',
  'counter_trafficking',
  'border_management',
  'research',
  'other',
] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

/** Regions of the fund's portfolio. */
export const REGIONS = ['africa', 'asia_oceania', 'europe', 'latin_america_caribbean', 'middle_east_north_africa', 'global'] as const;
export type Region = (typeof REGIONS)[number];

export const COVERAGES = ['national', 'subnational', 'regional', 'global'] as const;
export type Coverage = (typeof COVERAGES)[number];

/**
 * How an indicator is measured (the same names as shared/calc/indicator-progress.ts).
 * A qualitative indicator takes a narrative and an optional 1–5 score.
 */
export const INDICATOR_MEASURES = ['number', 'percentage', 'qualitative'] as const;
/** IATI IndicatorMeasure code of each measure, for data exchange (3 nominal and 4 ordinal are not used). */
export const INDICATOR_MEASURE_IATI_CODE: Record<(typeof INDICATOR_MEASURES)[number], string> = {
  number: '1',
  percentage: '2',
  qualitative: '5',
};
export const INDICATOR_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export const INDICATOR_AGGREGATIONS = ['cumulative', 'per_period'] as const;

/** How often an indicator is reported; custom periods are added by hand. */
export const REPORTING_FREQUENCIES = ['quarterly', 'semi_annual', 'annual', 'custom'] as const;
export type ReportingFrequency = (typeof REPORTING_FREQUENCIES)[number];

/** Categories of the sex disaggregation; `other` also holds "not known". */
export const SEX_CATEGORIES = ['women', 'men', 'other'] as const;
export type SexCategory = (typeof SEX_CATEGORIES)[number];

/** What an indicator's values can be broken down by (parts by PARTICIPANT_GROUPS for participantGroup). */
export const DISAGGREGATION_DIMENSIONS = ['sex', 'participantGroup'] as const;
export type DisaggregationDimension = (typeof DISAGGREGATION_DIMENSIONS)[number];

/** Life of an indicator value: draft → submitted → approved, or back to returned with a note. */
export const VALUE_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];
