import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { resultsKeys } from './query-keys';

export function deleteOutcome({ id, version }: { id: number; version: number }) {
  return api.delete(`/outcomes/${id}`, { version });
}

export function useDeleteOutcome({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(deleteOutcome, { invalidate: [resultsKeys.all], onSuccess });
}
