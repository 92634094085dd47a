export const reportKeys = {
  all: ['reports'] as const,
  lists: () => [...reportKeys.all, 'list'] as const,
  list: (projectId: number) => [...reportKeys.lists(), projectId] as const,
  detail: (id: number) => [...reportKeys.all, 'detail', id] as const,
  compare: (id: number) => [...reportKeys.all, 'compare', id] as const,
  dashboard: () => [...reportKeys.all, 'dashboard'] as const,
};
