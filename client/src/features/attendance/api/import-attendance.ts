import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AttendanceImportResultSchema } from '@shared/schemas/attendance';
import { uploadWithProgress } from '@/lib/api-client';
import { attendanceKeys, COUNTED_FROM_ATTENDANCE } from './query-keys';

export type ImportAttendanceVariables = {
  activityId: number;
  subEventId: number | null;
  file: File;
  dryRun: boolean;
  onProgress?: (loaded: number, total: number) => void;
};

/** An attendance sheet (CSV or XLSX): a dry run reports how each row matched the registry. */
export function importAttendance({ activityId, subEventId, file, dryRun, onProgress }: ImportAttendanceVariables) {
  const form = new FormData();
  form.append('file', file);
  return uploadWithProgress(`/activities/${activityId}/attendance/import`, form, AttendanceImportResultSchema, {
    query: { subEventId, dryRun: dryRun ? 1 : undefined },
    onProgress,
  });
}

export function useImportAttendance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importAttendance,
    onSuccess: async (result, v) => {
      if (result.dryRun) return;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: attendanceKeys.activity(v.activityId) }),
        ...COUNTED_FROM_ATTENDANCE.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ]);
    },
  });
}
