import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ReportSchema, type UpdateReportInput } from '@shared/schemas/report';
import { api, isApiError } from '@/lib/api-client';
import { reportKeys } from './query-keys';

export function updateReport({ id, input }: { id: number; input: UpdateReportInput }) {
  return api.patch(`/reports/${id}`, input, ReportSchema);
}

export function useUpdateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateReport,
    onError: async (error) => {
      if (isApiError(error) && error.status === 409) await queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
  });
}
