import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MilestoneSchema, type Milestone, type UpdateMilestoneInput } from '@shared/schemas/timeline';
import { api, isApiError } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

export function updateMilestone({ id, input }: { id: number; input: UpdateMilestoneInput }) {
  return api.patch(`/milestones/${id}`, input, MilestoneSchema);
}

export function useUpdateMilestone({ onSuccess }: { onSuccess?: (m: Milestone) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMilestone,
    onError: async (error) => {
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
    onSuccess: async (m) => {
      onSuccess?.(m);
      await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
  });
}
