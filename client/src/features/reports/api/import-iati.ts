import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IatiImportResultSchema } from '@shared/schemas/iati';
import { uploadWithProgress } from '@/lib/api-client';
import { reportKeys } from './query-keys';

/** Sends an IATI file; a dry run previews what the import would do and writes nothing. */
export function importIati({ file, dryRun }: { file: File; dryRun: boolean }) {
  const form = new FormData();
  form.append('file', file);
  return uploadWithProgress('/iati/import', form, IatiImportResultSchema, { query: { dryRun: dryRun ? '1' : undefined } });
}

export function useImportIati() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importIati,
    onSuccess: async (result) => {
      // A real import adds or changes projects: every cached list may be stale.
      if (!result.dryRun) await queryClient.invalidateQueries();
      else await queryClient.invalidateQueries({ queryKey: reportKeys.dashboard() });
    },
  });
}
