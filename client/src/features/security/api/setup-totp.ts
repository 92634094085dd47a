import { TotpSetupSchema } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';

/** A new secret with its QR code; the only time the server sends it. */
export function setupTotp() {
  return api.post('/auth/totp/setup', undefined, TotpSetupSchema);
}

export function useSetupTotp() {
  return useRecordMutation(setupTotp, { invalidate: [] });
}
