import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

export function deleteMilestone({ id, version }: { id: number; version: number }) {
  return api.delete(`/milestones/${id}`, { version });
}

export function useDeleteMilestone({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteMilestone,
    onError: async (error) => {
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
  });
}
