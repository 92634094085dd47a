import { queryOptions, useQuery } from '@tanstack/react-query';
import { TotpStatusSchema } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { securityKeys } from './query-keys';

export function getTotpStatus(signal?: AbortSignal) {
  return api.get('/auth/totp', TotpStatusSchema, { signal });
}

export function getTotpStatusQueryOptions() {
  return queryOptions({ queryKey: securityKeys.totp(), queryFn: ({ signal }) => getTotpStatus(signal) });
}

export function useTotpStatus() {
  return useQuery(getTotpStatusQueryOptions());
}
