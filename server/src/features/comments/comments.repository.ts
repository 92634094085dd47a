import { asc, eq } from 'drizzle-orm';
import type { Comment } from '@shared/schemas/comment';
import { first, single, type Db } from '../../db/client';
import { activities, comments, users } from '../../db/schema';

export function createCommentsRepository(db: Db) {
  const select = () => db.select({ c: comments, name: users.name, role: users.role }).from(comments).innerJoin(users, eq(users.id, comments.userId));
  const toComment = (r: { c: typeof comments.$inferSelect; name: string; role: Comment['author']['role'] }): Comment => ({
    id: r.c.id,
    activityId: r.c.activityId,
    author: { id: r.c.userId, name: r.name, role: r.role },
    body: r.c.body,
    createdAt: r.c.createdAt,
  });

  return {
    activityProject: async (activityId: number): Promise<number | undefined> =>
      (await first(db.select({ projectId: activities.projectId }).from(activities).where(eq(activities.id, activityId))))?.projectId,

    list: async (activityId: number): Promise<Comment[]> =>
      (await select().where(eq(comments.activityId, activityId)).orderBy(asc(comments.id))).map(toComment),

    async insert(values: typeof comments.$inferInsert): Promise<Comment> {
      const id = (await single(db.insert(comments).values(values).returning({ id: comments.id }))).id;
      const row = await first(select().where(eq(comments.id, id)));
      if (!row) throw new Error('comment vanished after insert');
      return toComment(row);
    },
  };
}
export type CommentsRepository = ReturnType<typeof createCommentsRepository>;
