import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BudgetLineSchema, type BudgetLine, type UpdateBudgetLineInput } from '@shared/schemas/budget';
import { api, isApiError } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

/** A new amount is a revision and needs its reason; the original amount stays. */
export function updateBudgetLine({ id, input }: { id: number; input: UpdateBudgetLineInput }) {
  return api.patch(`/budget-lines/${id}`, input, BudgetLineSchema);
}

export function useUpdateBudgetLine({ onSuccess }: { onSuccess?: (line: BudgetLine) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBudgetLine,
    onError: async (error) => {
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
    onSuccess: async (line) => {
      onSuccess?.(line);
      await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
  });
}
