import type { z } from 'zod';
import { ExpenditureSchema, type CreateExpenditureInput, type Expenditure } from '@shared/schemas/budget-ledger';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { budgetKeys } from './query-keys';

/**
 * The body as the server reads it: `{ type, date, amount: { amount, currency }, fxRate, … }`;
 * fxRate is required when the currency differs from the project's.
 */
export type CreateExpenditureBody = z.input<typeof CreateExpenditureInput>;

export function createExpenditure({ projectId, input }: { projectId: number; input: CreateExpenditureBody }) {
  return api.post(`/projects/${projectId}/expenditures`, input, ExpenditureSchema);
}

export function useCreateExpenditure({ onSuccess }: { onSuccess?: (entry: Expenditure) => void } = {}) {
  return useRecordMutation(createExpenditure, { invalidate: [budgetKeys.all], onSuccess });
}
