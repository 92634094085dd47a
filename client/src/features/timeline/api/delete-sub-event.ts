import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { timelineKeys } from './query-keys';

export function deleteSubEvent({ id, version }: { id: number; version: number }) {
  return api.delete(`/sub-events/${id}`, { version });
}

export function useDeleteSubEvent({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(deleteSubEvent, { invalidate: [timelineKeys.all], onSuccess });
}
