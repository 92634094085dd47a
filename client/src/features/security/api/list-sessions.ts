import { queryOptions, useQuery } from '@tanstack/react-query';
import { listOf } from '@shared/schemas/common';
import { SessionInfoSchema } from '@shared/schemas/security';
import { api } from '@/lib/api-client';
import { securityKeys } from './query-keys';

const SessionListSchema = listOf(SessionInfoSchema);

export function listMySessions(signal?: AbortSignal) {
  return api.get('/auth/sessions', SessionListSchema, { signal });
}

export function listUserSessions(userId: number, signal?: AbortSignal) {
  return api.get(`/users/${userId}/sessions`, SessionListSchema, { signal });
}

export function getMySessionsQueryOptions() {
  return queryOptions({ queryKey: securityKeys.mySessions(), queryFn: ({ signal }) => listMySessions(signal) });
}

export function getUserSessionsQueryOptions(userId: number) {
  return queryOptions({ queryKey: securityKeys.userSessions(userId), queryFn: ({ signal }) => listUserSessions(userId, signal) });
}

export function useMySessions() {
  return useQuery(getMySessionsQueryOptions());
}

export function useUserSessions(userId: number) {
  return useQuery(getUserSessionsQueryOptions(userId));
}
