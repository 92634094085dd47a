import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AuthResponseSchema, type LoginInput, type SessionUser } from '@shared/schemas/auth';
import { api, setCsrfToken } from '@/lib/api-client';
import { authKeys } from './query-keys';

export async function login(input: LoginInput): Promise<SessionUser> {
  // A wrong password answers 401 too; it must stay on the form, not bounce to login.
  const { user, csrfToken } = await api.post('/auth/login', input, AuthResponseSchema, { skipUnauthenticatedRedirect: true });
  setCsrfToken(csrfToken);
  return user;
}

export function useLogin({ onSuccess }: { onSuccess?: (user: SessionUser) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      // Nothing cached for a previous account may leak into this one.
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), user);
      onSuccess?.(user);
    },
  });
}
