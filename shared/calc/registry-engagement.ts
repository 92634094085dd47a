import { PARTICIPANT_GROUPS, SEXES, type ParticipantGroup, type Sex } from '../enums';

/** One attendance row, with what engagement needs to know about its activity. */
export type AttendanceFact = {
  personId: number;
  activityId: number;
  subEventId: number | null;
  outcomeId: number;
  /** YYYY-MM-DD */
  date: string;
};

export type EngagedPerson = { id: number; sex: Sex; group: ParticipantGroup | null };

export type EngagementFilter = {
  /** Inclusive bounds, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
  activityId?: number | undefined;
  subEventId?: number | undefined;
  outcomeId?: number | undefined;
};

export type Engagement = {
  /** Each person once, however many events they attended. */
  uniquePeople: number;
  /** Attendance rows counted (one person at two events counts twice). */
  attendances: number;
  bySex: Record<Sex, number>;
  byGroup: Record<ParticipantGroup | 'unknown', number>;
  /** The same counts in the shape activities report participants in. */
  participants: {
    women: number;
    men: number;
    government: number;
    diaspora: number;
    civilSociety: number;
    international: number;
  };
};

export function matchesEngagementFilter(a: AttendanceFact, f: EngagementFilter): boolean {
  if (f.from !== undefined && a.date < f.from) return false;
  if (f.to !== undefined && a.date > f.to) return false;
  if (f.activityId !== undefined && a.activityId !== f.activityId) return false;
  if (f.subEventId !== undefined && a.subEventId !== f.subEventId) return false;
  if (f.outcomeId !== undefined && a.outcomeId !== f.outcomeId) return false;
  return true;
}

/**
 * People engaged, from attendance: unique people over the rows that match the filter
 * (a period, an activity, a sub-event, an outcome), disaggregated by sex and by
 * participant group. A person attending five events of a series is one person engaged.
 * Rows whose person is unknown are ignored.
 */
export function computeEngagement(
  rows: readonly AttendanceFact[],
  people: ReadonlyMap<number, EngagedPerson>,
  filter: EngagementFilter = {},
): Engagement {
  const bySex = Object.fromEntries(SEXES.map((s) => [s, 0])) as Record<Sex, number>;
  const byGroup = Object.fromEntries([...PARTICIPANT_GROUPS, 'unknown'].map((g) => [g, 0])) as Engagement['byGroup'];
  const seen = new Set<number>();
  let attendances = 0;
  for (const row of rows) {
    if (!matchesEngagementFilter(row, filter)) continue;
    const person = people.get(row.personId);
    if (!person) continue;
    attendances += 1;
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    bySex[person.sex] += 1;
    byGroup[person.group ?? 'unknown'] += 1;
  }
  return {
    uniquePeople: seen.size,
    attendances,
    bySex,
    byGroup,
    participants: {
      women: bySex.female,
      men: bySex.male,
      government: byGroup.government,
      diaspora: byGroup.diaspora,
      civilSociety: byGroup.civil_society,
      international: byGroup.international,
    },
  };
}
