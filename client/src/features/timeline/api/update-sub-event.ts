import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SubEventSchema, type SubEvent, type UpdateSubEventInput } from '@shared/schemas/timeline';
import { api, isApiError } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

export function updateSubEvent({ id, input }: { id: number; input: UpdateSubEventInput }) {
  return api.patch(`/sub-events/${id}`, input, SubEventSchema);
}

export function useUpdateSubEvent({ onSuccess }: { onSuccess?: (s: SubEvent) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSubEvent,
    onError: async (error) => {
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
    onSuccess: async (s) => {
      onSuccess?.(s);
      await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
  });
}
