import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { UserSchema } from '@shared/schemas/user';
import { listOf } from '@shared/schemas/common';
import { api } from '@/lib/api-client';
import { usersKeys, type UserListParams } from './query-keys';

export type { UserListParams };

const UserListSchema = listOf(UserSchema);

export function listUsers(params: UserListParams, signal?: AbortSignal) {
  return api.get('/users', UserListSchema, { query: params, signal });
}

export function getUsersQueryOptions(params: UserListParams = {}) {
  return queryOptions({
    queryKey: usersKeys.list(params),
    queryFn: ({ signal }) => listUsers(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUsers(params: UserListParams = {}) {
  return useQuery(getUsersQueryOptions(params));
}
