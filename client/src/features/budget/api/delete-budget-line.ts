import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

/** Refused with 409 HAS_DEPENDENTS while ledger entries are booked on the line. */
export function deleteBudgetLine({ id, version }: { id: number; version: number }) {
  return api.delete(`/budget-lines/${id}`, { version });
}

export function useDeleteBudgetLine({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBudgetLine,
    onError: async (error) => {
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
  });
}
