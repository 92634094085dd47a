import { z } from 'zod';
import { SessionUserSchema, type UpdatePreferencesInput } from '@shared/schemas/auth';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { authKeys } from './query-keys';

const PreferencesResponseSchema = z.object({ user: SessionUserSchema });

export async function updatePreferences(input: UpdatePreferencesInput) {
  const { user } = await api.patch('/auth/preferences', input, PreferencesResponseSchema);
  return user;
}

export function useUpdatePreferences() {
  return useRecordMutation(updatePreferences, {
    invalidate: [],
    update: (queryClient, user) => queryClient.setQueryData(authKeys.me(), user),
  });
}
