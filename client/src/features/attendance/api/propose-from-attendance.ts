import type { ProposeFromAttendanceInput } from '@shared/schemas/attendance';
import { IndicatorValueSchema } from '@shared/schemas/indicator-value';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';

/** A DRAFT indicator value of unique people engaged in the period; it still goes through approval. */
export function proposeFromAttendance({
  indicatorId,
  periodId,
  input = {},
}: {
  indicatorId: number;
  periodId: number;
  input?: ProposeFromAttendanceInput;
}) {
  return api.post(`/indicators/${indicatorId}/periods/${periodId}/propose-from-attendance`, input, IndicatorValueSchema);
}

export function useProposeFromAttendance({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(proposeFromAttendance, { invalidate: [], onSuccess: () => onSuccess?.() });
}
