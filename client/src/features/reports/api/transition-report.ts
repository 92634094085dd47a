import { ReportSchema } from '@shared/schemas/report';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { reportKeys } from './query-keys';

export type ReportAction = 'submit' | 'accept' | 'return';

/** submit (manager), accept or return with a comment (donor, admin). */
export function transitionReport({ id, action, version, comment }: { id: number; action: ReportAction; version: number; comment?: string }) {
  return api.post(`/reports/${id}/${action}`, comment === undefined ? { version } : { version, comment }, ReportSchema);
}

export function useTransitionReport() {
  return useRecordMutation(transitionReport, { invalidate: [reportKeys.all] });
}
