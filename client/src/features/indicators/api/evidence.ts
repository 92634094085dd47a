import { EvidenceSchema } from '@shared/schemas/indicator-value';
import { api, buildUrl } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { indicatorsKeys } from './query-keys';

export function uploadEvidence({ valueId, file }: { valueId: number; file: File }) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload(`/values/${valueId}/evidence`, form, EvidenceSchema);
}

export function deleteEvidence({ id }: { id: number }) {
  return api.delete(`/evidence/${id}`);
}

/** Where the browser downloads an evidence file (always as an attachment). */
export function evidenceHref(id: number): string {
  return buildUrl(`/evidence/${id}`);
}

export function useUploadEvidence({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(uploadEvidence, { invalidate: [indicatorsKeys.all], onSuccess });
}

export function useDeleteEvidence() {
  return useRecordMutation(deleteEvidence, { invalidate: [indicatorsKeys.all] });
}
