import { SubEventSchema, type SubEvent, type UpdateSubEventInput } from '@shared/schemas/timeline';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { timelineKeys } from './query-keys';

export function updateSubEvent({ id, input }: { id: number; input: UpdateSubEventInput }) {
  return api.patch(`/sub-events/${id}`, input, SubEventSchema);
}

export function useUpdateSubEvent({ onSuccess }: { onSuccess?: (s: SubEvent) => void } = {}) {
  return useRecordMutation(updateSubEvent, { invalidate: [timelineKeys.all], onSuccess });
}
