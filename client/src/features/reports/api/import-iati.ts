import { IatiImportResultSchema } from '@shared/schemas/iati';
import { uploadWithProgress } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { reportKeys } from './query-keys';

/** Sends an IATI file; a dry run previews what the import would do and writes nothing. */
export function importIati({ file, dryRun }: { file: File; dryRun: boolean }) {
  const form = new FormData();
  form.append('file', file);
  return uploadWithProgress('/iati/import', form, IatiImportResultSchema, { query: { dryRun: dryRun ? '1' : undefined } });
}

export function useImportIati() {
  return useRecordMutation(importIati, {
    invalidate: [reportKeys.dashboard()],
    // A real import adds or changes projects: every cached list may be stale.
    update: (queryClient, result) => {
      if (!result.dryRun) void queryClient.invalidateQueries();
    },
  });
}
