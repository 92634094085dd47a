import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { securityKeys } from './query-keys';

/** Ends a session at once; whoever uses it is signed out on their next request. */
export function revokeSession(id: string) {
  return api.delete(`/sessions/${encodeURIComponent(id)}`);
}

export function useRevokeSession({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeSession,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: securityKeys.sessions() });
    },
    onSuccess,
  });
}
