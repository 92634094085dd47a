import { queryOptions, useQuery } from '@tanstack/react-query';
import { ActivitySchema } from '@shared/schemas/activity';
import { api } from '@/lib/api-client';
import { activitiesKeys } from './query-keys';

export function getActivity(id: number, signal?: AbortSignal) {
  return api.get(`/activities/${id}`, ActivitySchema, { signal });
}

export function getActivityQueryOptions(id: number) {
  return queryOptions({
    queryKey: activitiesKeys.detail(id),
    queryFn: ({ signal }) => getActivity(id, signal),
  });
}

export function useActivity(id: number) {
  return useQuery(getActivityQueryOptions(id));
}
