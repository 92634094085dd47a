import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserSchema, type CreateUserInput, type User } from '@shared/schemas/user';
import { api } from '@/lib/api-client';
import { usersKeys } from './query-keys';

export function createUser(input: CreateUserInput) {
  return api.post('/users', input, UserSchema);
}

export function useCreateUser({ onSuccess }: { onSuccess?: (user: User) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: usersKeys.all });
      onSuccess?.(user);
    },
  });
}
