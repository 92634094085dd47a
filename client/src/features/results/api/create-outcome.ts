import { OutcomeSchema, type CreateOutcomeInput } from '@shared/schemas/results';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { resultsKeys } from './query-keys';

export function createOutcome({ projectId, input }: { projectId: number; input: CreateOutcomeInput }) {
  return api.post(`/projects/${projectId}/outcomes`, input, OutcomeSchema);
}

export function useCreateOutcome({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(createOutcome, { invalidate: [resultsKeys.all], onSuccess });
}
