import { queryOptions, useQuery } from '@tanstack/react-query';
import { ReportComparisonSchema } from '@shared/schemas/report';
import { api } from '@/lib/api-client';
import { reportKeys } from './query-keys';

export function getComparison(id: number, signal?: AbortSignal) {
  return api.get(`/reports/${id}/compare`, ReportComparisonSchema, { signal });
}

export function useComparison(id: number) {
  return useQuery(queryOptions({ queryKey: reportKeys.compare(id), queryFn: ({ signal }) => getComparison(id, signal) }));
}
