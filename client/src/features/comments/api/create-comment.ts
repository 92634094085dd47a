import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CommentSchema, type CreateCommentInput } from '@shared/schemas/comment';
import { api } from '@/lib/api-client';
import { commentsKeys } from './query-keys';

export function createComment({ activityId, input }: { activityId: number; input: CreateCommentInput }) {
  return api.post(`/activities/${activityId}/comments`, input, CommentSchema);
}

export function useCreateComment({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createComment,
    onSuccess: async (_comment, { activityId }) => {
      await queryClient.invalidateQueries({ queryKey: commentsKeys.list(activityId) });
      onSuccess?.();
    },
  });
}
