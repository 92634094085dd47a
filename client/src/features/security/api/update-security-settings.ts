import { SecuritySettingsSchema, type UpdateSecuritySettingsInput } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { securityKeys } from './query-keys';

export function updateSecuritySettings(input: UpdateSecuritySettingsInput) {
  return api.patch('/settings/security', input, SecuritySettingsSchema);
}

export function useUpdateSecuritySettings() {
  return useRecordMutation(updateSecuritySettings, {
    invalidate: [],
    update: (queryClient, settings) => queryClient.setQueryData(securityKeys.settings(), settings),
  });
}
