import { OutputSchema, type UpdateOutputInput } from '@shared/schemas/results';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { resultsKeys } from './query-keys';

export function updateOutput({ id, input }: { id: number; input: UpdateOutputInput }) {
  return api.patch(`/outputs/${id}`, input, OutputSchema);
}

export function useUpdateOutput({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(updateOutput, { invalidate: [resultsKeys.all], onSuccess });
}
