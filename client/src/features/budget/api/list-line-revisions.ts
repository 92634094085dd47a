import { queryOptions, useQuery } from '@tanstack/react-query';
import { BudgetLineRevisionListSchema } from '@shared/schemas/budget';
import { api } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

/** Revisions of a line, newest first, with its original amount. */
export function listLineRevisions(lineId: number, signal?: AbortSignal) {
  return api.get(`/budget-lines/${lineId}/revisions`, BudgetLineRevisionListSchema, { signal });
}

export function getLineRevisionsQueryOptions(lineId: number) {
  return queryOptions({
    queryKey: budgetKeys.revisions(lineId),
    queryFn: ({ signal }) => listLineRevisions(lineId, signal),
  });
}

export function useLineRevisions(lineId: number) {
  return useQuery(getLineRevisionsQueryOptions(lineId));
}
