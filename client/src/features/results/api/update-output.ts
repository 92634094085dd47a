import { useMutation, useQueryClient } from '@tanstack/react-query';
import { OutputSchema, type UpdateOutputInput } from '@shared/schemas/results';
import { api } from '@/lib/api-client';
import { resultsKeys } from './query-keys';

export function updateOutput({ id, input }: { id: number; input: UpdateOutputInput }) {
  return api.patch(`/outputs/${id}`, input, OutputSchema);
}

export function useUpdateOutput({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOutput,
    // A refusal or a stale version: show the framework as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: resultsKeys.all }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: resultsKeys.all });
      onSuccess?.();
    },
  });
}
