import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { indicatorsKeys } from './query-keys';

export function deleteIndicator({ id, version }: { id: number; version: number }) {
  return api.delete(`/indicators/${id}`, { version });
}

export function useDeleteIndicator({ onSuccess, onError }: { onSuccess?: () => void; onError?: () => void } = {}) {
  return useRecordMutation(deleteIndicator, {
    invalidate: [indicatorsKeys.all],
    onSuccess,
    onError,
    update: (queryClient, _result, { id }) => queryClient.removeQueries({ queryKey: indicatorsKeys.detail(id) }),
  });
}
