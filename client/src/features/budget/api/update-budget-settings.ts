import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BudgetSettingsSchema, type UpdateBudgetSettingsInput } from '@shared/schemas/budget';
import { api, isApiError } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

export function updateBudgetSettings({ projectId, input }: { projectId: number; input: UpdateBudgetSettingsInput }) {
  return api.patch(`/projects/${projectId}/budget-settings`, input, BudgetSettingsSchema);
}

export function useUpdateBudgetSettings({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBudgetSettings,
    onError: async (error) => {
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
  });
}
