import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

export function deleteSubEvent({ id, version }: { id: number; version: number }) {
  return api.delete(`/sub-events/${id}`, { version });
}

export function useDeleteSubEvent({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSubEvent,
    onError: async (error) => {
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
  });
}
