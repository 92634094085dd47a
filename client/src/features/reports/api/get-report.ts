import { queryOptions, useQuery } from '@tanstack/react-query';
import { ReportDetailSchema } from '@shared/schemas/report';
import { api } from '@/lib/api-client';
import { reportKeys } from './query-keys';

export function getReport(id: number, signal?: AbortSignal) {
  return api.get(`/reports/${id}`, ReportDetailSchema, { signal });
}

export function getReportQueryOptions(id: number) {
  return queryOptions({ queryKey: reportKeys.detail(id), queryFn: ({ signal }) => getReport(id, signal) });
}

export function useReport(id: number) {
  return useQuery(getReportQueryOptions(id));
}
