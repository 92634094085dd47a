import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AddAttendanceResultSchema, type AddAttendanceInput } from '@shared/schemas/attendance';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { attendanceKeys, COUNTED_FROM_ATTENDANCE } from './query-keys';

export type AddAttendanceVariables = { activityId: number; input: z.input<typeof AddAttendanceInput> };

/** Registry people by id, or one new person created inline. */
export function addAttendance({ activityId, input }: AddAttendanceVariables) {
  return api.post(`/activities/${activityId}/attendance`, input, AddAttendanceResultSchema);
}

export function useAddAttendance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addAttendance,
    onSuccess: async (_r, v) => {
      // A person created inline is new in the registry too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: attendanceKeys.activity(v.activityId) }),
        queryClient.invalidateQueries({ queryKey: ['registry'] }),
        ...COUNTED_FROM_ATTENDANCE.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ]);
    },
  });
}
