import type { DisableTotpInput } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { securityKeys } from './query-keys';

export async function disableTotp(input: DisableTotpInput): Promise<void> {
  await api.post('/auth/totp/disable', input, null);
}

export function useDisableTotp({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(disableTotp, { invalidate: [securityKeys.totp()], onSuccess });
}
