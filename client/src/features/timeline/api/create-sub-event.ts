import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SubEventSchema, type CreateSubEventInput } from '@shared/schemas/timeline';
import { api } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

export function createSubEvent({ activityId, input }: { activityId: number; input: CreateSubEventInput }) {
  return api.post(`/activities/${activityId}/sub-events`, input, SubEventSchema);
}

export function useCreateSubEvent({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSubEvent,
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
  });
}
