import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { resultsKeys } from './query-keys';

export function deleteOutput({ id, version }: { id: number; version: number }) {
  return api.delete(`/outputs/${id}`, { version });
}

export function useDeleteOutput({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteOutput,
    // A refusal or a stale version: show the framework as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: resultsKeys.all }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: resultsKeys.all });
      onSuccess?.();
    },
  });
}
