import type { ChangePasswordInput } from '@shared/schemas/auth';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';

export async function changePassword(input: ChangePasswordInput): Promise<void> {
  await api.post('/auth/password', input, null);
}

export function useChangePassword({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(changePassword, { invalidate: [], onSuccess: () => onSuccess?.() });
}
