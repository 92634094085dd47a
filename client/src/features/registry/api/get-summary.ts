import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { RegistrySummarySchema } from '@shared/schemas/registry-summary';
import { api } from '@/lib/api-client';
import { registryKeys, type RegistrySummaryFilters } from './query-keys';

export type { RegistrySummaryFilters };

/** Aggregate counts with small cells suppressed: what partners and donors may see. */
export function getRegistrySummary(projectId: number, filters: RegistrySummaryFilters, signal?: AbortSignal) {
  return api.get('/registry/summary', RegistrySummarySchema, { query: { projectId, ...filters }, signal });
}

export function getRegistrySummaryQueryOptions(projectId: number, filters: RegistrySummaryFilters) {
  return queryOptions({
    queryKey: registryKeys.summary(projectId, filters),
    queryFn: ({ signal }) => getRegistrySummary(projectId, filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRegistrySummary(projectId: number, filters: RegistrySummaryFilters) {
  return useQuery(getRegistrySummaryQueryOptions(projectId, filters));
}
