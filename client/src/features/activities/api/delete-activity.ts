import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { activitiesKeys } from './query-keys';

export function deleteActivity({ id, version }: { id: number; version: number }) {
  return api.delete(`/activities/${id}`, { version });
}

export function useDeleteActivity({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteActivity,
    onError: async (error) => {
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: activitiesKeys.lists() });
    },
    onSuccess: async (_data, { id }) => {
      queryClient.removeQueries({ queryKey: activitiesKeys.detail(id) });
      await queryClient.invalidateQueries({ queryKey: activitiesKeys.lists() });
      onSuccess?.();
    },
  });
}
