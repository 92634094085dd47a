import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

/** A dependency has no version: it is only ever created or removed, never edited. */
export function deleteDependency({ id }: { id: number }) {
  return api.delete(`/dependencies/${id}`);
}

export function useDeleteDependency({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDependency,
    onError: async (error) => {
      // Someone removed it first: show the lists as they are now.
      if (isApiError(error) && error.status === 404) await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
  });
}
