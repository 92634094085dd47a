import type { UpdateIndicatorInput } from '@shared/schemas/indicator';
import { IndicatorDetailSchema, type IndicatorDetail } from '@shared/schemas/indicator-summary';
import { api } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';
import { indicatorsKeys } from './query-keys';

export function updateIndicator({ id, input }: { id: number; input: UpdateIndicatorInput }) {
  return api.patch(`/indicators/${id}`, input, IndicatorDetailSchema);
}

export function useUpdateIndicator({ onSuccess, onError }: MutationCallbacks<IndicatorDetail> & { onError?: () => void } = {}) {
  return useRecordMutation(updateIndicator, {
    invalidate: [indicatorsKeys.all],
    onSuccess,
    onError,
    update: (queryClient, indicator) => queryClient.setQueryData(indicatorsKeys.detail(indicator.id), indicator),
  });
}
