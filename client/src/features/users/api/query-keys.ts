import type { z } from 'zod';
import type { ListUsersQuery } from '@shared/schemas/user';

export type UserListParams = z.input<typeof ListUsersQuery>;

export const usersKeys = {
  all: ['users'] as const,
  lists: () => [...usersKeys.all, 'list'] as const,
  list: (params: UserListParams) => [...usersKeys.lists(), params] as const,
};
