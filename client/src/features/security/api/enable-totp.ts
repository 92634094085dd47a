import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RecoveryCodesSchema, type EnableTotpInput, type RecoveryCodes } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { securityKeys } from './query-keys';

export function enableTotp(input: EnableTotpInput) {
  return api.post('/auth/totp/enable', input, RecoveryCodesSchema);
}

export function useEnableTotp({ onSuccess }: { onSuccess?: (codes: RecoveryCodes) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: enableTotp,
    onSuccess: async (codes) => {
      onSuccess?.(codes);
      await queryClient.invalidateQueries({ queryKey: securityKeys.totp() });
    },
  });
}
