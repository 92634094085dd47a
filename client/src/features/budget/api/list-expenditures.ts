import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { ExpenditureListSchema } from '@shared/schemas/budget-ledger';
import { api } from '@/lib/api-client';
import { budgetKeys, type ExpenditureListParams } from './query-keys';

export type { ExpenditureListParams };

/** One page of the ledger, newest first; sums add up every match, not only the page. */
export function listExpenditures(projectId: number, params: ExpenditureListParams = {}, signal?: AbortSignal) {
  return api.get(`/projects/${projectId}/expenditures`, ExpenditureListSchema, { query: params, signal });
}

export function getExpendituresQueryOptions(projectId: number, params: ExpenditureListParams = {}) {
  return queryOptions({
    queryKey: budgetKeys.ledger(projectId, params),
    queryFn: ({ signal }) => listExpenditures(projectId, params, signal),
  });
}

export function useExpenditures(projectId: number, params: ExpenditureListParams = {}) {
  return useQuery({ ...getExpendituresQueryOptions(projectId, params), placeholderData: keepPreviousData });
}
