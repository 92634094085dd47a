import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ReportSchema, type CreateReportInput } from '@shared/schemas/report';
import { api } from '@/lib/api-client';
import { reportKeys } from './query-keys';

export function createReport({ projectId, input }: { projectId: number; input: CreateReportInput }) {
  return api.post(`/projects/${projectId}/reports`, input, ReportSchema);
}

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReport,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
  });
}
