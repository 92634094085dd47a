import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { resultsKeys } from './query-keys';

export function deleteOutput({ id, version }: { id: number; version: number }) {
  return api.delete(`/outputs/${id}`, { version });
}

export function useDeleteOutput({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(deleteOutput, { invalidate: [resultsKeys.all], onSuccess });
}
