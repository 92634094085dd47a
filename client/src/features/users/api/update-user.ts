import { useMutation, useQueryClient } from '@tanstack/react-query';
import { UserSchema, type UpdateUserInput, type User } from '@shared/schemas/user';
import { api } from '@/lib/api-client';
import { usersKeys } from './query-keys';

export function updateUser({ id, input }: { id: number; input: UpdateUserInput }) {
  return api.patch(`/users/${id}`, input, UserSchema);
}

export function useUpdateUser({ onSuccess }: { onSuccess?: (user: User) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: usersKeys.all });
      onSuccess?.(user);
    },
    onError: async () => {
      // A stale version or a vanished user: show the list as it is now.
      await queryClient.invalidateQueries({ queryKey: usersKeys.all });
    },
  });
}
