import type { Comment, CreateCommentInput } from '@shared/schemas/comment';
import { writeAudit } from '../../core/audit';
import { assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import type { AuthUser } from '../../core/auth-user';
import type { CommentsRepository } from './comments.repository';

export function createCommentsService(db: Db, repo: CommentsRepository) {
  async function projectOf(user: AuthUser, activityId: number, permission: 'project:read' | 'comment:create'): Promise<number> {
    const projectId = await repo.activityProject(activityId);
    return (await assertRecordAccess(db, user, projectId === undefined ? undefined : { projectId }, 'Activity', permission)).projectId;
  }

  return {
    async list(user: AuthUser, activityId: number): Promise<{ items: Comment[]; total: number }> {
      await projectOf(user, activityId, 'project:read');
      const items = await repo.list(activityId);
      return { items, total: items.length };
    },

    create(user: AuthUser, activityId: number, input: CreateCommentInput): Promise<Comment> {
      return inTransaction(db, async () => {
        const projectId = await projectOf(user, activityId, 'comment:create');
        const comment = await repo.insert({ projectId, activityId, userId: user.id, body: input.body });
        await writeAudit(db, { userId: user.id, entity: 'comment', entityId: comment.id, projectId, action: 'create', after: comment });
        return comment;
      });
    },
  };
}
export type CommentsService = ReturnType<typeof createCommentsService>;
