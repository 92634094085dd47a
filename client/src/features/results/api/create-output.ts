import { OutputSchema, type CreateOutputInput } from '@shared/schemas/results';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { resultsKeys } from './query-keys';

export function createOutput({ outcomeId, input }: { outcomeId: number; input: CreateOutputInput }) {
  return api.post(`/outcomes/${outcomeId}/outputs`, input, OutputSchema);
}

export function useCreateOutput({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(createOutput, { invalidate: [resultsKeys.all], onSuccess });
}
