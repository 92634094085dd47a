import { PeriodSchema, type Period, type UpdatePeriodInput } from '@shared/schemas/indicator-period';
import { api } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';
import { indicatorsKeys } from './query-keys';

export function updatePeriod({ id, input }: { id: number; input: UpdatePeriodInput }) {
  return api.patch(`/periods/${id}`, input, PeriodSchema);
}

export function useUpdatePeriod({ onSuccess }: MutationCallbacks<Period> = {}) {
  return useRecordMutation(updatePeriod, { invalidate: [indicatorsKeys.all], onSuccess });
}
