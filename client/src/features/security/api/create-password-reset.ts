import { PasswordResetLinkSchema } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';

/** A one-time link for the user to choose a new password; earlier links stop working. */
export function createPasswordReset(userId: number) {
  return api.post(`/users/${userId}/password-reset`, undefined, PasswordResetLinkSchema);
}

export function useCreatePasswordReset() {
  return useRecordMutation(createPasswordReset, { invalidate: [] });
}
