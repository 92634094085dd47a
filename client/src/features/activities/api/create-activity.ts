import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ActivitySchema, type Activity, type CreateActivityInput } from '@shared/schemas/activity';
import { api } from '@/lib/api-client';
import { activitiesKeys } from './query-keys';

export function createActivity({ projectId, input }: { projectId: number; input: CreateActivityInput }) {
  return api.post(`/projects/${projectId}/activities`, input, ActivitySchema);
}

export function useCreateActivity({ onSuccess }: { onSuccess?: (activity: Activity) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createActivity,
    onSuccess: async (activity) => {
      queryClient.setQueryData(activitiesKeys.detail(activity.id), activity);
      await queryClient.invalidateQueries({ queryKey: activitiesKeys.lists() });
      onSuccess?.(activity);
    },
  });
}
