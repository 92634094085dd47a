import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { reportKeys } from './query-keys';

export function deleteReport({ id, version }: { id: number; version: number }) {
  return api.delete(`/reports/${id}`, { version });
}

export function useDeleteReport() {
  return useRecordMutation(deleteReport, { invalidate: [reportKeys.lists()] });
}
