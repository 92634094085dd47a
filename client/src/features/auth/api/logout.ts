import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '@/lib/api-client';

export async function logout(): Promise<void> {
  await api.post('/auth/logout', undefined, null);
}

export function useLogout({ onSuccess }: { onSuccess?: () => void | Promise<void> } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: async () => {
      setCsrfToken(null);
      // Leave the signed-in pages first, then forget their data: nothing refetches on the way out.
      await onSuccess?.();
      queryClient.clear();
    },
  });
}
