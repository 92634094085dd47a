import { BudgetLineSchema, type BudgetLine, type UpdateBudgetLineInput } from '@shared/schemas/budget';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { budgetKeys } from './query-keys';

/** A new amount is a revision and needs its reason; the original amount stays. */
export function updateBudgetLine({ id, input }: { id: number; input: UpdateBudgetLineInput }) {
  return api.patch(`/budget-lines/${id}`, input, BudgetLineSchema);
}

export function useUpdateBudgetLine({ onSuccess }: { onSuccess?: (line: BudgetLine) => void } = {}) {
  return useRecordMutation(updateBudgetLine, { invalidate: [budgetKeys.all], onSuccess });
}
