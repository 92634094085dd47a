import { queryOptions, useQuery } from '@tanstack/react-query';
import { TimelineSchema } from '@shared/schemas/timeline';
import { api } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

export function getTimeline(projectId: number, signal?: AbortSignal) {
  return api.get(`/projects/${projectId}/timeline`, TimelineSchema, { signal });
}

export function getTimelineQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: timelineKeys.timeline(projectId),
    queryFn: ({ signal }) => getTimeline(projectId, signal),
  });
}

export function useTimeline(projectId: number) {
  return useQuery(getTimelineQueryOptions(projectId));
}

/** Every query of this feature, for screens that change activities elsewhere. */
export function timelineQueryFilter() {
  return { queryKey: timelineKeys.all };
}
