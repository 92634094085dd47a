import { queryOptions, useQuery } from '@tanstack/react-query';
import { SecuritySettingsSchema } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { securityKeys } from './query-keys';

export function getSecuritySettings(signal?: AbortSignal) {
  return api.get('/settings/security', SecuritySettingsSchema, { signal });
}

export function getSecuritySettingsQueryOptions() {
  return queryOptions({ queryKey: securityKeys.settings(), queryFn: ({ signal }) => getSecuritySettings(signal) });
}

export function useSecuritySettings() {
  return useQuery(getSecuritySettingsQueryOptions());
}
