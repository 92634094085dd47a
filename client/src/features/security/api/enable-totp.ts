import { RecoveryCodesSchema, type EnableTotpInput, type RecoveryCodes } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { securityKeys } from './query-keys';

export function enableTotp(input: EnableTotpInput) {
  return api.post('/auth/totp/enable', input, RecoveryCodesSchema);
}

export function useEnableTotp({ onSuccess }: { onSuccess?: (codes: RecoveryCodes) => void } = {}) {
  return useRecordMutation(enableTotp, { invalidate: [securityKeys.totp()], onSuccess });
}
