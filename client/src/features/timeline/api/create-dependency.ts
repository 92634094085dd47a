import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DependencySchema, type CreateDependencyInput, type Dependency } from '@shared/schemas/timeline';
import { api } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

/** A finish-to-start link: `input.to` should not start before `input.from` ends. */
export function createDependency({ projectId, input }: { projectId: number; input: CreateDependencyInput }) {
  return api.post(`/projects/${projectId}/dependencies`, input, DependencySchema);
}

export function useCreateDependency({ onSuccess }: { onSuccess?: (dependency: Dependency) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDependency,
    onSuccess: async (dependency) => {
      onSuccess?.(dependency);
      // The Gantt's arrows, the activity page's lists and every date check read the dependencies.
      await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
  });
}
