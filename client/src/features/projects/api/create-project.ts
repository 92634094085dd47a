import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ProjectSchema, type CreateProjectInput, type Project } from '@shared/schemas/project';
import { api } from '@/lib/api-client';
import { projectsKeys } from './query-keys';

export function createProject(input: CreateProjectInput) {
  return api.post('/projects', input, ProjectSchema);
}

export function useCreateProject({ onSuccess }: { onSuccess?: (project: Project) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      queryClient.setQueryData(projectsKeys.detail(project.id), project);
      void queryClient.invalidateQueries({ queryKey: projectsKeys.lists() });
      onSuccess?.(project);
    },
  });
}
