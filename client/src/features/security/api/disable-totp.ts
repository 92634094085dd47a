import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DisableTotpInput } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { securityKeys } from './query-keys';

export async function disableTotp(input: DisableTotpInput): Promise<void> {
  await api.post('/auth/totp/disable', input, null);
}

export function useDisableTotp({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableTotp,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: securityKeys.totp() });
      onSuccess?.();
    },
  });
}
