import { UserSchema, type UpdateUserInput, type User } from '@shared/schemas/user';
import { api } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';
import { usersKeys } from './query-keys';

export function updateUser({ id, input }: { id: number; input: UpdateUserInput }) {
  return api.patch(`/users/${id}`, input, UserSchema);
}

export function useUpdateUser({ onSuccess }: MutationCallbacks<User> = {}) {
  return useRecordMutation(updateUser, { invalidate: [usersKeys.all], onSuccess });
}
