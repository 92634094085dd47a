import { PasswordResetResultSchema, type PasswordResetInput, type PasswordResetResult } from '@shared/schemas/auth';
import { api } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';

/** Sets a new password with the token of a one-time link; no session is needed or started. */
export function resetPassword(input: PasswordResetInput): Promise<PasswordResetResult> {
  return api.post('/auth/password-reset', input, PasswordResetResultSchema, { skipUnauthenticatedRedirect: true });
}

export function useResetPassword({ onSuccess }: MutationCallbacks<PasswordResetResult> = {}) {
  return useRecordMutation(resetPassword, { invalidate: [], onSuccess });
}
