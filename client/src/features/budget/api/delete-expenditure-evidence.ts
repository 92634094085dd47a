import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { budgetKeys } from './query-keys';

export function deleteExpenditureEvidence({ fileId }: { fileId: number }) {
  return api.delete(`/expenditure-evidence/${fileId}`);
}

export function useDeleteExpenditureEvidence() {
  return useRecordMutation(deleteExpenditureEvidence, { invalidate: [budgetKeys.ledgers()] });
}
