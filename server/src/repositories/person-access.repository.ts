import type { Db } from '../db/client';
import { personAccessLog } from '../db/schema';

export type AccessAction = (typeof personAccessLog.$inferInsert)['action'];

/** Rows per insert: a long list stays well under every engine's limit on bound parameters. */
const CHUNK = 500;

/** The one place that writes the register's access log (who saw whom, when, how; never the data): the registry and attendance features. */
export function createPersonAccessLog(db: Db) {
  return {
    async log(userId: number, projectId: number, personIds: readonly number[], action: AccessAction): Promise<void> {
      const at = new Date().toISOString();
      for (let i = 0; i < personIds.length; i += CHUNK) {
        await db.insert(personAccessLog).values(personIds.slice(i, i + CHUNK).map((personId) => ({ at, userId, projectId, personId, action })));
      }
    },
  };
}
