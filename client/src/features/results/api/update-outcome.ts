import { OutcomeSchema, type UpdateOutcomeInput } from '@shared/schemas/results';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { resultsKeys } from './query-keys';

export function updateOutcome({ id, input }: { id: number; input: UpdateOutcomeInput }) {
  return api.patch(`/outcomes/${id}`, input, OutcomeSchema);
}

export function useUpdateOutcome({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(updateOutcome, { invalidate: [resultsKeys.all], onSuccess });
}
