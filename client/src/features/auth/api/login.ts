import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AuthResponseSchema, isMfaChallenge, type AuthResponse, type LoginInput, type SessionResponse } from '@shared/schemas/auth';
import { api, setCsrfToken } from '@/lib/api-client';
import { authKeys } from './query-keys';

/** Signs in with the password: a session, or (two-factor accounts) a challenge for the code step. */
export async function login(input: LoginInput): Promise<AuthResponse> {
  // A wrong password answers 401 too; it must stay on the form, not bounce to login.
  const response = await api.post('/auth/login', input, AuthResponseSchema, { skipUnauthenticatedRedirect: true });
  if (!isMfaChallenge(response)) setCsrfToken(response.csrfToken);
  return response;
}

/** What the app does once a session exists: forget what an earlier account left cached, remember the new user. */
export function useSessionStarted() {
  const queryClient = useQueryClient();
  return (session: SessionResponse) => {
    // Nothing cached for a previous account may leak into this one.
    queryClient.clear();
    queryClient.setQueryData(authKeys.me(), session.user);
  };
}

export function useLogin({ onSuccess }: { onSuccess?: (response: AuthResponse) => void } = {}) {
  const sessionStarted = useSessionStarted();
  return useMutation({
    mutationFn: login,
    onSuccess: (response) => {
      if (!isMfaChallenge(response)) sessionStarted(response);
      onSuccess?.(response);
    },
  });
}
