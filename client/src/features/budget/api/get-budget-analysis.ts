import { queryOptions, useQuery } from '@tanstack/react-query';
import { BudgetAnalysisSchema } from '@shared/schemas/budget';
import { api } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

/** Totals, every breakdown, pace and the monthly series, in one answer. */
export function getBudgetAnalysis(projectId: number, signal?: AbortSignal) {
  return api.get(`/projects/${projectId}/budget`, BudgetAnalysisSchema, { signal });
}

export function getBudgetAnalysisQueryOptions(projectId: number) {
  return queryOptions({
    queryKey: budgetKeys.analysis(projectId),
    queryFn: ({ signal }) => getBudgetAnalysis(projectId, signal),
  });
}

export function useBudgetAnalysis(projectId: number) {
  return useQuery(getBudgetAnalysisQueryOptions(projectId));
}

/** Every query of this feature (the budget changes with activities too). */
export function budgetQueryFilter() {
  return { queryKey: budgetKeys.all };
}
