import { queryOptions, useQuery } from '@tanstack/react-query';
import { ProjectHealthSchema } from '@shared/schemas/budget';
import { api } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

export function getProjectHealth(projectId: number, signal?: AbortSignal) {
  return api.get(`/projects/${projectId}/health`, ProjectHealthSchema, { signal });
}

export function getProjectHealthQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: budgetKeys.health(projectId),
    queryFn: ({ signal }) => getProjectHealth(projectId, signal),
  });
}

export function useProjectHealth(projectId: number) {
  return useQuery(getProjectHealthQueryOptions(projectId));
}
