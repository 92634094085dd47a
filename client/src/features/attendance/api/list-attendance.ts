import { queryOptions, useQuery } from '@tanstack/react-query';
import { AttendanceListSchema } from '@shared/schemas/attendance';
import { api } from '@/lib/api-client';
import { attendanceKeys } from './query-keys';

/** Counts for everyone; the people only for admins and managers (`redacted` otherwise). */
export function listAttendance(activityId: number, subEventId: number | null, signal?: AbortSignal) {
  return api.get(`/activities/${activityId}/attendance`, AttendanceListSchema, { query: { subEventId }, signal });
}

export function getAttendanceQueryOptions(activityId: number, subEventId: number | null) {
  return queryOptions({
    queryKey: attendanceKeys.list(activityId, subEventId),
    queryFn: ({ signal }) => listAttendance(activityId, subEventId, signal),
  });
}

export function useAttendance(activityId: number, subEventId: number | null) {
  return useQuery(getAttendanceQueryOptions(activityId, subEventId));
}
