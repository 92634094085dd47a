import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { IndicatorDetailSchema } from '@shared/schemas/indicator-summary';
import { api } from '@/lib/api-client';
import { indicatorsKeys } from './query-keys';

export function getIndicator(id: number, signal?: AbortSignal) {
  return api.get(`/indicators/${id}`, IndicatorDetailSchema, { signal });
}

export function getIndicatorQueryOptions(id: number) {
  return queryOptions({
    queryKey: indicatorsKeys.detail(id),
    queryFn: ({ signal }) => getIndicator(id, signal),
  });
}

export function useIndicator(id: number) {
  return useQuery(getIndicatorQueryOptions(id));
}

/** Several indicators at once, e.g. everything due in one reporting period. */
export function useIndicatorDetails(ids: readonly number[]) {
  return useQueries({ queries: ids.map((id) => getIndicatorQueryOptions(id)) });
}
