import { queryOptions, useQuery } from '@tanstack/react-query';
import { BudgetLineListSchema } from '@shared/schemas/budget';
import { api } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

export function listBudgetLines(projectId: number, signal?: AbortSignal) {
  return api.get(`/projects/${projectId}/budget-lines`, BudgetLineListSchema, { signal });
}

export function getBudgetLinesQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: budgetKeys.lines(projectId),
    queryFn: ({ signal }) => listBudgetLines(projectId, signal),
  });
}

export function useBudgetLines(projectId: number) {
  return useQuery(getBudgetLinesQueryOptions(projectId));
}
