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
export const REGIONS = [
  'africa',
  'asia_oceania',
  'europe',
  'latin_america_caribbean',
  'middle_east_north_africa',
  'global',
] as const;
export type Region = (typeof REGIONS)[number];

export const COVERAGES = ['national', 'subnational', 'regional', 'global'] as const;
export type Coverage = (typeof COVERAGES)[number];
