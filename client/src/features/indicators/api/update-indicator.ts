import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateIndicatorInput } from '@shared/schemas/indicator';
import { IndicatorDetailSchema, type IndicatorDetail } from '@shared/schemas/indicator-summary';
import { api } from '@/lib/api-client';
import { indicatorsKeys } from './query-keys';

export function updateIndicator({ id, input }: { id: number; input: UpdateIndicatorInput }) {
  return api.patch(`/indicators/${id}`, input, IndicatorDetailSchema);
}

export function useUpdateIndicator({ onSuccess, onError }: { onSuccess?: (indicator: IndicatorDetail) => void; onError?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateIndicator,
    onError,
    onSuccess: async (indicator) => {
      queryClient.setQueryData(indicatorsKeys.detail(indicator.id), indicator);
      onSuccess?.(indicator);
      await queryClient.invalidateQueries({ queryKey: indicatorsKeys.all });
    },
  });
}
