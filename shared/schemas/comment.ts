import { z } from 'zod';
import { RoleSchema } from './user';

export const CommentSchema = z.object({
  id: z.number().int(),
  activityId: z.number().int(),
  author: z.object({ id: z.number().int(), name: z.string(), role: RoleSchema }),
  body: z.string(),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof CommentSchema>;

export const CreateCommentInput = z.strictObject({
  body: z.string().trim().min(1, 'Required').max(5_000, 'At most 5000 characters'),
});
export type CreateCommentInput = z.infer<typeof CreateCommentInput>;

export const CommentListSchema = z.object({ items: z.array(CommentSchema), total: z.number().int() });
