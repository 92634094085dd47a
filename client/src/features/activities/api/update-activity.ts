import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ActivitySchema, type Activity, type UpdateActivityInput } from '@shared/schemas/activity';
import { api, isApiError } from '@/lib/api-client';
import { activitiesKeys } from './query-keys';

export function updateActivity({ id, input }: { id: number; input: UpdateActivityInput }) {
  return api.patch(`/activities/${id}`, input, ActivitySchema);
}

export function useUpdateActivity({ onSuccess }: { onSuccess?: (activity: Activity) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateActivity,
    onError: async (error) => {
      // A stale version in a list row: show the rows as they are now, so a retry can work.
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: activitiesKeys.lists() });
    },
    onSuccess: async (activity) => {
      queryClient.setQueryData(activitiesKeys.detail(activity.id), activity);
      onSuccess?.(activity);
      // Lists and the history change with every update.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: activitiesKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: activitiesKeys.history(activity.id) }),
      ]);
    },
  });
}
