import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EvidenceSchema } from '@shared/schemas/indicator-value';
import { api, buildUrl } from '@/lib/api-client';
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadEvidence,
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: indicatorsKeys.all });
    },
  });
}

export function useDeleteEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteEvidence,
    onSettled: () => queryClient.invalidateQueries({ queryKey: indicatorsKeys.all }),
  });
}
