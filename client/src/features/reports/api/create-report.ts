import { ReportSchema, type CreateReportInput } from '@shared/schemas/report';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { reportKeys } from './query-keys';

export function createReport({ projectId, input }: { projectId: number; input: CreateReportInput }) {
  return api.post(`/projects/${projectId}/reports`, input, ReportSchema);
}

export function useCreateReport() {
  return useRecordMutation(createReport, { invalidate: [reportKeys.all] });
}
