import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

export function deleteExpenditureEvidence({ fileId }: { fileId: number }) {
  return api.delete(`/expenditure-evidence/${fileId}`);
}

export function useDeleteExpenditureEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteExpenditureEvidence,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: budgetKeys.ledgers() });
    },
  });
}
