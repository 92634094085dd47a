import { ExpenditureEvidenceSchema } from '@shared/schemas/budget-ledger';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { budgetKeys } from './query-keys';

/** An invoice or receipt for a ledger entry, sent as multipart in the field "file". */
export function uploadExpenditureEvidence({ expenditureId, file }: { expenditureId: number; file: File }) {
  const form = new FormData();
  form.append('file', file);
  return api.upload(`/expenditures/${expenditureId}/evidence`, form, ExpenditureEvidenceSchema);
}

export function useUploadExpenditureEvidence({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(uploadExpenditureEvidence, { invalidate: [budgetKeys.ledgers()], onSuccess });
}

/** Where the browser downloads an evidence file (always as an attachment). */
export function expenditureEvidenceUrl(fileId: number): string {
  return `/api/expenditure-evidence/${fileId}`;
}
