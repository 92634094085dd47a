import { queryOptions, useQuery } from '@tanstack/react-query';
import { ProjectSchema } from '@shared/schemas/project';
import { api } from '@/lib/api-client';
import { projectsKeys } from './query-keys';

export function getProject(id: number, signal?: AbortSignal) {
  return api.get(`/projects/${id}`, ProjectSchema, { signal });
}

export function getProjectQueryOptions(id: number) {
  return queryOptions({
    queryKey: projectsKeys.detail(id),
    queryFn: ({ signal }) => getProject(id, signal),
  });
}

/** null waits: the id is not known yet (e.g. it comes with another record). */
export function useProject(id: number | null) {
  return useQuery({ ...getProjectQueryOptions(id ?? 0), enabled: id !== null });
}
