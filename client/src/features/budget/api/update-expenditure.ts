import { ExpenditureSchema, type Expenditure, type UpdateExpenditureInput } from '@shared/schemas/budget-ledger';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { budgetKeys } from './query-keys';

/** A changed amount, currency or rate is converted again by the server. */
export function updateExpenditure({ id, input }: { id: number; input: UpdateExpenditureInput }) {
  return api.patch(`/expenditures/${id}`, input, ExpenditureSchema);
}

export function useUpdateExpenditure({ onSuccess }: { onSuccess?: (entry: Expenditure) => void } = {}) {
  return useRecordMutation(updateExpenditure, { invalidate: [budgetKeys.all], onSuccess });
}
