import { queryOptions, useQuery } from '@tanstack/react-query';
import { SessionResponseSchema, type SessionUser } from '@shared/schemas/auth';
import { api, setCsrfToken } from '@/lib/api-client';
import { authKeys } from './query-keys';

/** The signed-in user; also refreshes the CSRF token kept in memory. */
export async function getMe(signal?: AbortSignal): Promise<SessionUser> {
  const { user, csrfToken } = await api.get('/auth/me', SessionResponseSchema, { signal });
  setCsrfToken(csrfToken);
  return user;
}

export function getMeQueryOptions() {
  return queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useUser({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...getMeQueryOptions(), enabled });
}
