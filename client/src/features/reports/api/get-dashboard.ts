import { queryOptions, useQuery } from '@tanstack/react-query';
import { DashboardSchema } from '@shared/schemas/report';
import { api } from '@/lib/api-client';
import { reportKeys } from './query-keys';

export function getDashboard(signal?: AbortSignal) {
  return api.get('/dashboard', DashboardSchema, { signal });
}

export function useDashboard() {
  return useQuery(queryOptions({ queryKey: reportKeys.dashboard(), queryFn: ({ signal }) => getDashboard(signal) }));
}
