import { queryOptions, useQuery } from '@tanstack/react-query';
import { HistoryListSchema } from '@shared/schemas/activity';
import { api } from '@/lib/api-client';
import { activitiesKeys } from './query-keys';

export function getActivityHistory(id: number, signal?: AbortSignal) {
  return api.get(`/activities/${id}/history`, HistoryListSchema, { signal });
}

export function getActivityHistoryQueryOptions(id: number) {
  return queryOptions({
    queryKey: activitiesKeys.history(id),
    queryFn: ({ signal }) => getActivityHistory(id, signal),
  });
}

export function useActivityHistory(id: number) {
  return useQuery(getActivityHistoryQueryOptions(id));
}
