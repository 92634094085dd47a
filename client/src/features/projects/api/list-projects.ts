import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { ProjectListSchema, type ListProjectsQuery } from '@shared/schemas/project';
import { api } from '@/lib/api-client';
import { projectsKeys } from './query-keys';

/** The list's query as it travels in the URL: strings, before the server parses them. */
export type ProjectListParams = z.input<typeof ListProjectsQuery>;

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
