import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** An administrator turns off someone's two-factor sign-in (a lost phone and lost recovery codes). */
export function resetUserTotp(userId: number) {
  return api.delete(`/users/${userId}/totp`);
}

export function useResetUserTotp({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useMutation({ mutationFn: resetUserTotp, onSuccess });
}
