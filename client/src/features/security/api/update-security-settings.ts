import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SecuritySettingsSchema, type UpdateSecuritySettingsInput } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { securityKeys } from './query-keys';

export function updateSecuritySettings(input: UpdateSecuritySettingsInput) {
  return api.patch('/settings/security', input, SecuritySettingsSchema);
}

export function useUpdateSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSecuritySettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(securityKeys.settings(), settings);
    },
  });
}
