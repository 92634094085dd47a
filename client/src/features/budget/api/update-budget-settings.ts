import { BudgetSettingsSchema, type UpdateBudgetSettingsInput } from '@shared/schemas/budget';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { budgetKeys } from './query-keys';

export function updateBudgetSettings({ projectId, input }: { projectId: number; input: UpdateBudgetSettingsInput }) {
  return api.patch(`/projects/${projectId}/budget-settings`, input, BudgetSettingsSchema);
}

export function useUpdateBudgetSettings({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(updateBudgetSettings, { invalidate: [budgetKeys.all], onSuccess });
}
