import { asc, eq } from 'drizzle-orm';
import type { Comment } from '@shared/schemas/comment';
import type { Db } from '../../db/client';
import { activities, comments, users } from '../../db/schema';

export function createCommentsRepository(db: Db) {
  const select = () =>
    db
      .select({ c: comments, name: users.name, role: users.role })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.userId));
  const toComment = (r: { c: typeof comments.$inferSelect; name: string; role: Comment['author']['role'] }): Comment => ({
    id: r.c.id,
    activityId: r.c.activityId,
    author: { id: r.c.userId, name: r.name, role: r.role },
    body: r.c.body,
    createdAt: r.c.createdAt,
  });

  return {
    activityProject: (activityId: number) =>
      db.select({ projectId: activities.projectId }).from(activities).where(eq(activities.id, activityId)).get()?.projectId,

    list: (activityId: number): Comment[] =>
      select().where(eq(comments.activityId, activityId)).orderBy(asc(comments.id)).all().map(toComment),

    insert(values: typeof comments.$inferInsert): Comment {
      const id = db.insert(comments).values(values).returning({ id: comments.id }).get().id;
      const row = select().where(eq(comments.id, id)).get();
      if (!row) throw new Error('comment vanished after insert');
      return toComment(row);
    },
  };
}
export type CommentsRepository = ReturnType<typeof createCommentsRepository>;
