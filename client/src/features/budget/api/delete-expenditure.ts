import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { budgetKeys } from './query-keys';

export function deleteExpenditure({ id, version }: { id: number; version: number }) {
  return api.delete(`/expenditures/${id}`, { version });
}

export function useDeleteExpenditure({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(deleteExpenditure, { invalidate: [budgetKeys.all], onSuccess });
}
