import { queryOptions, useQuery } from '@tanstack/react-query';
import { DependencyCheckSchema } from '@shared/schemas/timeline';
import { api } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

/** Dates to try instead of the stored ones; '' means "no date". Absent keys keep the stored date. */
export type ProposedDates = Partial<Record<'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd', string>>;

/** Which dependencies into and out of an activity its stored (or proposed) dates break. */
export function checkDependencies(activityId: number, proposed: ProposedDates = {}, signal?: AbortSignal) {
  return api.get(`/activities/${activityId}/dependencies`, DependencyCheckSchema, { query: proposed, signal });
}

export function getDependencyCheckQueryOptions(activityId: number, proposed: ProposedDates = {}) {
  return queryOptions({
    queryKey: timelineKeys.dependencyCheck(activityId, proposed as Record<string, string>),
    queryFn: ({ signal }) => checkDependencies(activityId, proposed, signal),
  });
}

export function useDependencyCheck(activityId: number, proposed: ProposedDates, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getDependencyCheckQueryOptions(activityId, proposed), enabled });
}
