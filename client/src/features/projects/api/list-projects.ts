import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { ProjectListSchema } from '@shared/schemas/project';
import { api } from '@/lib/api-client';
import { projectsKeys, type ProjectListParams } from './query-keys';

export type { ProjectListParams };

export function listProjects(params: ProjectListParams, signal?: AbortSignal) {
  return api.get('/projects', ProjectListSchema, { query: params, signal });
}

export function getProjectsQueryOptions(params: ProjectListParams = {}) {
  return queryOptions({
    queryKey: projectsKeys.list(params),
    queryFn: ({ signal }) => listProjects(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProjects(params: ProjectListParams = {}) {
  return useQuery(getProjectsQueryOptions(params));
}
