import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { indicatorsKeys } from './query-keys';

export function deleteIndicator({ id, version }: { id: number; version: number }) {
  return api.delete(`/indicators/${id}`, { version });
}

export function useDeleteIndicator({ onSuccess, onError }: { onSuccess?: () => void; onError?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteIndicator,
    onError,
    onSuccess: async (_data, { id }) => {
      queryClient.removeQueries({ queryKey: indicatorsKeys.detail(id) });
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: indicatorsKeys.all });
    },
  });
}
