import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ExpenditureSchema, type CreateExpenditureInput, type Expenditure } from '@shared/schemas/budget-ledger';
import { api } from '@/lib/api-client';
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createExpenditure,
    onSuccess: async (entry) => {
      onSuccess?.(entry);
      await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
  });
}
