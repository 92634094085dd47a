import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { attendanceKeys, COUNTED_FROM_ATTENDANCE } from './query-keys';

export function removeAttendance({ id }: { id: number; activityId: number }) {
  return api.delete(`/attendance/${id}`);
}

export function useRemoveAttendance() {
  return useRecordMutation(removeAttendance, { invalidate: (v) => [attendanceKeys.activity(v.activityId), ...COUNTED_FROM_ATTENDANCE] });
}
