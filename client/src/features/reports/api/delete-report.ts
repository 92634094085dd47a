import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { reportKeys } from './query-keys';

export function deleteReport({ id, version }: { id: number; version: number }) {
  return api.delete(`/reports/${id}`, { version });
}

export function useDeleteReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteReport,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reportKeys.lists() });
    },
  });
}
