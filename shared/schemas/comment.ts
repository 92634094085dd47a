import { z } from 'zod';
import { noteField } from './common';
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
  body: noteField(5_000),
});
export type CreateCommentInput = z.infer<typeof CreateCommentInput>;

export const CommentListSchema = z.object({ items: z.array(CommentSchema), total: z.number().int() });
