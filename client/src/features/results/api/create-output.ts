import { useMutation, useQueryClient } from '@tanstack/react-query';
import { OutputSchema, type CreateOutputInput } from '@shared/schemas/results';
import { api } from '@/lib/api-client';
import { resultsKeys } from './query-keys';

export function createOutput({ outcomeId, input }: { outcomeId: number; input: CreateOutputInput }) {
  return api.post(`/outcomes/${outcomeId}/outputs`, input, OutputSchema);
}

export function useCreateOutput({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOutput,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: resultsKeys.all });
      onSuccess?.();
    },
  });
}
