import { queryOptions, useQuery } from '@tanstack/react-query';
import { SubEventListSchema } from '@shared/schemas/timeline';
import { api } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

/** The events of an activity series, by date, with the participants they add up to. */
export function listSubEvents(activityId: number, signal?: AbortSignal) {
  return api.get(`/activities/${activityId}/sub-events`, SubEventListSchema, { signal });
}

export function getSubEventsQueryOptions(activityId: number) {
  return queryOptions({
    queryKey: timelineKeys.subEvents(activityId),
    queryFn: ({ signal }) => listSubEvents(activityId, signal),
  });
}

export function useSubEvents(activityId: number) {
  return useQuery(getSubEventsQueryOptions(activityId));
}
