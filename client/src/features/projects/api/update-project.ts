import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ProjectSchema, type Project, type UpdateProjectInput } from '@shared/schemas/project';
import { api } from '@/lib/api-client';
import { projectsKeys } from './query-keys';

export function updateProject({ id, input }: { id: number; input: UpdateProjectInput }) {
  return api.patch(`/projects/${id}`, input, ProjectSchema);
}

export function useUpdateProject({ onSuccess }: { onSuccess?: (project: Project) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProject,
    onSuccess: (project) => {
      queryClient.setQueryData(projectsKeys.detail(project.id), project);
      void queryClient.invalidateQueries({ queryKey: projectsKeys.lists() });
      onSuccess?.(project);
    },
  });
}
