import { useMutation, useQueryClient } from '@tanstack/react-query';
import { OutcomeSchema, type CreateOutcomeInput } from '@shared/schemas/results';
import { api } from '@/lib/api-client';
import { resultsKeys } from './query-keys';

export function createOutcome({ projectId, input }: { projectId: number; input: CreateOutcomeInput }) {
  return api.post(`/projects/${projectId}/outcomes`, input, OutcomeSchema);
}

export function useCreateOutcome({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOutcome,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: resultsKeys.all });
      onSuccess?.();
    },
  });
}
