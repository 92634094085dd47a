import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { attendanceKeys } from './query-keys';

export function removeAttendance({ id }: { id: number; activityId: number }) {
  return api.delete(`/attendance/${id}`);
}

export function useRemoveAttendance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeAttendance,
    onSuccess: async (_r, v) => {
      await queryClient.invalidateQueries({ queryKey: attendanceKeys.activity(v.activityId) });
    },
  });
}
