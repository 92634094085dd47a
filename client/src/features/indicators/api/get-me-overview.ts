import { queryOptions, useQuery } from '@tanstack/react-query';
import { MeOverviewSchema } from '@shared/schemas/indicator-summary';
import { api } from '@/lib/api-client';
import { indicatorsKeys } from './query-keys';

export function getMeOverview(projectId: number, signal?: AbortSignal) {
  return api.get(`/projects/${projectId}/me-overview`, MeOverviewSchema, { signal });
}

export function getMeOverviewQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: indicatorsKeys.overview(projectId),
    queryFn: ({ signal }) => getMeOverview(projectId, signal),
  });
}

/** The M&E overview: which values are due, late, submitted or returned, per period. */
export function useMeOverview(projectId: number, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getMeOverviewQueryOptions(projectId), enabled });
}
