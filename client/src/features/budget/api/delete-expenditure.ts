import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

export function deleteExpenditure({ id, version }: { id: number; version: number }) {
  return api.delete(`/expenditures/${id}`, { version });
}

export function useDeleteExpenditure({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteExpenditure,
    onError: async (error) => {
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: budgetKeys.ledgers() });
    },
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
  });
}
