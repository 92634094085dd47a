import { queryOptions, useQuery } from '@tanstack/react-query';
import { ActivityListSchema } from '@shared/schemas/activity';
import { api } from '@/lib/api-client';
import { activitiesKeys, type ActivityListParams } from './query-keys';

export type { ActivityListParams };

export function listActivities(projectId: number, params: ActivityListParams = {}, signal?: AbortSignal) {
  return api.get(`/projects/${projectId}/activities`, ActivityListSchema, { query: params, signal });
}

export function getActivitiesQueryOptions(projectId: number, params: ActivityListParams = {}) {
  return queryOptions({
    queryKey: activitiesKeys.list(projectId, params),
    queryFn: ({ signal }) => listActivities(projectId, params, signal),
  });
}

export function useActivities(projectId: number, params: ActivityListParams = {}) {
  return useQuery(getActivitiesQueryOptions(projectId, params));
}

/** Any query of this feature, for screens that must refresh after a change elsewhere. */
export function activitiesQueryFilter() {
  return { queryKey: activitiesKeys.all };
}
