import { UserSchema, type CreateUserInput, type User } from '@shared/schemas/user';
import { api } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';
import { usersKeys } from './query-keys';

export function createUser(input: CreateUserInput) {
  return api.post('/users', input, UserSchema);
}

export function useCreateUser({ onSuccess }: MutationCallbacks<User> = {}) {
  return useRecordMutation(createUser, { invalidate: [usersKeys.all], onSuccess });
}
