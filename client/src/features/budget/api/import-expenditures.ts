import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ImportResultSchema } from '@shared/schemas/budget-ledger';
import { api } from '@/lib/api-client';
import { budgetKeys } from './query-keys';

/**
 * A ledger CSV, sent as multipart. A dry run answers 200 with the preview and every row
 * error; a real import writes all rows in one transaction (201) or none (400 with details.errors).
 */
export function importExpenditures({ projectId, file, dryRun }: { projectId: number; file: File; dryRun: boolean }) {
  const form = new FormData();
  form.append('file', file);
  return api.upload(`/projects/${projectId}/expenditures/import${dryRun ? '?dryRun=1' : ''}`, form, ImportResultSchema);
}

export function usePreviewImport() {
  return useMutation({ mutationFn: (v: { projectId: number; file: File }) => importExpenditures({ ...v, dryRun: true }) });
}

export function useCommitImport({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { projectId: number; file: File }) => importExpenditures({ ...v, dryRun: false }),
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: budgetKeys.all });
    },
  });
}
