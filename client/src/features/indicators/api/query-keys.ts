export const indicatorsKeys = {
  all: ['indicators'] as const,
  details: () => [...indicatorsKeys.all, 'detail'] as const,
  detail: (id: number) => [...indicatorsKeys.details(), id] as const,
  overview: (projectId: number) => [...indicatorsKeys.all, 'me-overview', projectId] as const,
};
