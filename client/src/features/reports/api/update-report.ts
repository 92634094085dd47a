import { ReportSchema, type UpdateReportInput } from '@shared/schemas/report';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { reportKeys } from './query-keys';

export function updateReport({ id, input }: { id: number; input: UpdateReportInput }) {
  return api.patch(`/reports/${id}`, input, ReportSchema);
}

export function useUpdateReport() {
  return useRecordMutation(updateReport, { invalidate: [reportKeys.all] });
}
