import { CommentSchema, type CreateCommentInput } from '@shared/schemas/comment';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { commentsKeys } from './query-keys';

export function createComment({ activityId, input }: { activityId: number; input: CreateCommentInput }) {
  return api.post(`/activities/${activityId}/comments`, input, CommentSchema);
}

export function useCreateComment({ onSuccess }: { onSuccess?: () => void } = {}) {
  return useRecordMutation(createComment, { invalidate: ({ activityId }) => [commentsKeys.list(activityId)], onSuccess });
}
