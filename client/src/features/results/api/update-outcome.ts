import { useMutation, useQueryClient } from '@tanstack/react-query';
import { OutcomeSchema, type UpdateOutcomeInput } from '@shared/schemas/results';
import { api } from '@/lib/api-client';
import { resultsKeys } from './query-keys';

export function updateOutcome({ id, input }: { id: number; input: UpdateOutcomeInput }) {
  return api.patch(`/outcomes/${id}`, input, OutcomeSchema);
}

export function useUpdateOutcome({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOutcome,
    // A refusal or a stale version: show the framework as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: resultsKeys.all }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: resultsKeys.all });
      onSuccess?.();
    },
  });
}
