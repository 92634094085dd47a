import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { attendanceKeys, COUNTED_FROM_ATTENDANCE } from './query-keys';

export function removeAttendance({ id }: { id: number; activityId: number }) {
  return api.delete(`/attendance/${id}`);
}

export function useRemoveAttendance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeAttendance,
    onSuccess: async (_r, v) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: attendanceKeys.activity(v.activityId) }),
        ...COUNTED_FROM_ATTENDANCE.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ]);
    },
  });
}
