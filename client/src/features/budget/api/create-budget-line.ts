import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BudgetLineSchema, type CreateBudgetLineInput } from '@shared/schemas/budget';
import { api } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

export function createBudgetLine({ projectId, input }: { projectId: number; input: CreateBudgetLineInput }) {
  return api.post(`/projects/${projectId}/budget-lines`, input, BudgetLineSchema);
}

export function useCreateBudgetLine({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBudgetLine,
    onSuccess: async () => {
      onSuccess?.();
      // A line changes the analysis and the health strip as well as the list.
      await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
  });
}
