export const resultsKeys = {
  all: ['results'] as const,
  detail: (projectId: number) => [...resultsKeys.all, projectId] as const,
};
