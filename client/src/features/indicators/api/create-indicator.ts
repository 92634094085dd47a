import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateIndicatorInput } from '@shared/schemas/indicator';
import { IndicatorDetailSchema, type IndicatorDetail } from '@shared/schemas/indicator-summary';
import { api } from '@/lib/api-client';
import { indicatorsKeys } from './query-keys';

export function createIndicator({ projectId, input }: { projectId: number; input: CreateIndicatorInput }) {
  return api.post(`/projects/${projectId}/indicators`, input, IndicatorDetailSchema);
}

export function useCreateIndicator({ onSuccess }: { onSuccess?: (indicator: IndicatorDetail) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createIndicator,
    onSuccess: async (indicator) => {
      queryClient.setQueryData(indicatorsKeys.detail(indicator.id), indicator);
      onSuccess?.(indicator);
      await queryClient.invalidateQueries({ queryKey: indicatorsKeys.all });
    },
  });
}
