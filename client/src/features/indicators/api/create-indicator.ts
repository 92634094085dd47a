import type { CreateIndicatorInput } from '@shared/schemas/indicator';
import { IndicatorDetailSchema, type IndicatorDetail } from '@shared/schemas/indicator-summary';
import { api } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';
import { indicatorsKeys } from './query-keys';

export function createIndicator({ projectId, input }: { projectId: number; input: CreateIndicatorInput }) {
  return api.post(`/projects/${projectId}/indicators`, input, IndicatorDetailSchema);
}

export function useCreateIndicator({ onSuccess }: MutationCallbacks<IndicatorDetail> = {}) {
  return useRecordMutation(createIndicator, {
    invalidate: [indicatorsKeys.all],
    onSuccess,
    update: (queryClient, indicator) => queryClient.setQueryData(indicatorsKeys.detail(indicator.id), indicator),
  });
}
