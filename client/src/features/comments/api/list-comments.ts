import { queryOptions, useQuery } from '@tanstack/react-query';
import { CommentListSchema } from '@shared/schemas/comment';
import { api } from '@/lib/api-client';
import { commentsKeys } from './query-keys';

export function listComments(activityId: number, signal?: AbortSignal) {
  return api.get(`/activities/${activityId}/comments`, CommentListSchema, { signal });
}

export function getCommentsQueryOptions(activityId: number) {
  return queryOptions({
    queryKey: commentsKeys.list(activityId),
    queryFn: ({ signal }) => listComments(activityId, signal),
  });
}

export function useComments(activityId: number) {
  return useQuery(getCommentsQueryOptions(activityId));
}
