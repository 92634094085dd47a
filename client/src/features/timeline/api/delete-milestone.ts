import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { timelineKeys } from './query-keys';

export function deleteMilestone({ id, version }: { id: number; version: number }) {
  return api.delete(`/milestones/${id}`, { version });
}

export function useDeleteMilestone({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(deleteMilestone, { invalidate: [timelineKeys.all], onSuccess });
}
