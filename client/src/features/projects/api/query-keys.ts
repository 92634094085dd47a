import type { z } from 'zod';
import type { ListProjectsQuery } from '@shared/schemas/project';

/** The list's query as it travels in the URL: strings, before the server parses them. */
export type ProjectListParams = z.input<typeof ListProjectsQuery>;

export const projectsKeys = {
  all: ['projects'] as const,
  lists: () => [...projectsKeys.all, 'list'] as const,
  list: (params: ProjectListParams) => [...projectsKeys.lists(), params] as const,
  detail: (id: number) => [...projectsKeys.all, 'detail', id] as const,
};
