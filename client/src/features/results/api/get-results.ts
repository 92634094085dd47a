import { queryOptions, useQuery } from '@tanstack/react-query';
import { ResultsSchema } from '@shared/schemas/results';
import { api } from '@/lib/api-client';
import { resultsKeys } from './query-keys';

export function getResults(projectId: number, signal?: AbortSignal) {
  return api.get(`/projects/${projectId}/results`, ResultsSchema, { signal });
}

export function getResultsQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: resultsKeys.detail(projectId),
    queryFn: ({ signal }) => getResults(projectId, signal),
  });
}

/** null waits: the id is not known yet (e.g. it comes with another record). */
export function useResults(projectId: number | null) {
  return useQuery({ ...getResultsQueryOptions(projectId ?? 0), enabled: projectId !== null });
}
