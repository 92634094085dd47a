import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ExpenditureSchema, type Expenditure, type UpdateExpenditureInput } from '@shared/schemas/budget-ledger';
import { api, isApiError } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

/** A changed amount, currency or rate is converted again by the server. */
export function updateExpenditure({ id, input }: { id: number; input: UpdateExpenditureInput }) {
  return api.patch(`/expenditures/${id}`, input, ExpenditureSchema);
}

export function useUpdateExpenditure({ onSuccess }: { onSuccess?: (entry: Expenditure) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateExpenditure,
    onError: async (error) => {
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: budgetKeys.ledgers() });
    },
    onSuccess: async (entry) => {
      onSuccess?.(entry);
      await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
  });
}
