import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';

/** An administrator turns off someone's two-factor sign-in (a lost phone and lost recovery codes). */
export function resetUserTotp(userId: number) {
  return api.delete(`/users/${userId}/totp`);
}

export function useResetUserTotp({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(resetUserTotp, { invalidate: [], onSuccess: () => onSuccess?.() });
}
