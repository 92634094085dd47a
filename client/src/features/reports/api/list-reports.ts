import { queryOptions, useQuery } from '@tanstack/react-query';
import { ReportListSchema } from '@shared/schemas/report';
import { api } from '@/lib/api-client';
import { reportKeys } from './query-keys';

export function listReports(projectId: number, signal?: AbortSignal) {
  return api.get(`/projects/${projectId}/reports`, ReportListSchema, { signal });
}

export function getReportsQueryOptions(projectId: number) {
  return queryOptions({ queryKey: reportKeys.list(projectId), queryFn: ({ signal }) => listReports(projectId, signal) });
}

export function useReports(projectId: number) {
  return useQuery(getReportsQueryOptions(projectId));
}
