import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { budgetKeys } from './query-keys';

/** Refused with 409 HAS_DEPENDENTS while ledger entries are booked on the line. */
export function deleteBudgetLine({ id, version }: { id: number; version: number }) {
  return api.delete(`/budget-lines/${id}`, { version });
}

export function useDeleteBudgetLine({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(deleteBudgetLine, { invalidate: [budgetKeys.all], onSuccess });
}
