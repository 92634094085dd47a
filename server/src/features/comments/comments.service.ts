import type { Comment, CreateCommentInput } from '@shared/schemas/comment';
import { writeAudit } from '../../core/audit';
import { assertRecordAccess } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import type { AuthUser } from '../../http/session';
import type { CommentsRepository } from './comments.repository';

export function createCommentsService(db: Db, repo: CommentsRepository) {
  function projectOf(user: AuthUser, activityId: number, permission: 'project:read' | 'comment:create'): number {
    const projectId = repo.activityProject(activityId);
    return assertRecordAccess(db, user, projectId === undefined ? undefined : { projectId }, 'Activity', permission).projectId;
  }

  return {
    list(user: AuthUser, activityId: number): { items: Comment[]; total: number } {
      projectOf(user, activityId, 'project:read');
      const items = repo.list(activityId);
      return { items, total: items.length };
    },

    create(user: AuthUser, activityId: number, input: CreateCommentInput): Comment {
      return inTransaction(db, () => {
        const projectId = projectOf(user, activityId, 'comment:create');
        const comment = repo.insert({ projectId, activityId, userId: user.id, body: input.body });
        writeAudit(db, { userId: user.id, entity: 'comment', entityId: comment.id, projectId, action: 'create', after: comment });
        return comment;
      });
    },
  };
}
export type CommentsService = ReturnType<typeof createCommentsService>;
