import { AddAttendanceResultSchema, type AddAttendanceInput } from '@shared/schemas/attendance';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { attendanceKeys, COUNTED_FROM_ATTENDANCE } from './query-keys';

export type AddAttendanceVariables = { activityId: number; input: z.input<typeof AddAttendanceInput> };

/** Registry people by id, or one new person created inline. */
export function addAttendance({ activityId, input }: AddAttendanceVariables) {
  return api.post(`/activities/${activityId}/attendance`, input, AddAttendanceResultSchema);
}

export function useAddAttendance() {
  // A person created inline is new in the registry too.
  return useRecordMutation(addAttendance, { invalidate: (v) => [attendanceKeys.activity(v.activityId), ['registry'], ...COUNTED_FROM_ATTENDANCE] });
}
