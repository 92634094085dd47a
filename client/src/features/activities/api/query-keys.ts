import type { z } from 'zod';
import type { ListActivitiesQuery } from '@shared/schemas/activity';

export type ActivityListParams = z.input<typeof ListActivitiesQuery>;

export const activitiesKeys = {
  all: ['activities'] as const,
  lists: () => [...activitiesKeys.all, 'list'] as const,
  list: (projectId: number, params: ActivityListParams = {}) => [...activitiesKeys.lists(), projectId, params] as const,
  detail: (id: number) => [...activitiesKeys.all, 'detail', id] as const,
  history: (id: number) => [...activitiesKeys.all, 'history', id] as const,
};
