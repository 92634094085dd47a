import { SubEventSchema, type CreateSubEventInput } from '@shared/schemas/timeline';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { timelineKeys } from './query-keys';

export function createSubEvent({ activityId, input }: { activityId: number; input: CreateSubEventInput }) {
  return api.post(`/activities/${activityId}/sub-events`, input, SubEventSchema);
}

export function useCreateSubEvent({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(createSubEvent, { invalidate: [timelineKeys.all], onSuccess });
}
