import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MilestoneSchema, type CreateMilestoneInput } from '@shared/schemas/timeline';
import { api } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

export function createMilestone({ projectId, input }: { projectId: number; input: CreateMilestoneInput }) {
  return api.post(`/projects/${projectId}/milestones`, input, MilestoneSchema);
}

export function useCreateMilestone({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMilestone,
    onSuccess: async () => {
      onSuccess?.();
      // Milestones show on the timeline too.
      await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
  });
}
