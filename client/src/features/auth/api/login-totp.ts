import { SessionResponseSchema, type LoginTotpInput, type SessionResponse } from '@shared/schemas/auth';
import { api, setCsrfToken } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';
import { useSessionStarted } from './login';

/** The second step of a two-factor sign-in: the challenge token with a code or a recovery code. */
export async function loginWithTotp(input: LoginTotpInput): Promise<SessionResponse> {
  const response = await api.post('/auth/login/totp', input, SessionResponseSchema, { skipUnauthenticatedRedirect: true });
  setCsrfToken(response.csrfToken);
  return response;
}

export function useLoginWithTotp({ onSuccess }: MutationCallbacks<SessionResponse> = {}) {
  const sessionStarted = useSessionStarted();
  return useRecordMutation(loginWithTotp, {
    invalidate: [],
    onSuccess: (response) => {
      sessionStarted(response);
      onSuccess?.(response);
    },
  });
}
