import { hasPermission } from '@shared/permissions';
import { IATI_VERSION, type IatiImportResult } from '@shared/schemas/iati';
import { assertProjectAccess, isProjectVisible } from '../../core/project-access';
import { inTransaction, type Db } from '../../db/client';
import { notFound } from '../../core/errors';
import type { AuthUser } from '../../core/auth-user';
import { activityXml, DOCUMENT_END, documentStart } from './iati.export';
import { applyPlan } from './iati.import';
import { planDocument } from './import-plan';
import { createIatiRepository } from './iati.repository';
import { createTurns } from './turns';
import { parseXml } from './xml';

export function createIatiService(db: Db) {
  const repo = createIatiRepository(db);

  return {
    /** One project as an iati-activities document. */
    async projectXml(user: AuthUser, projectId: number): Promise<string> {
      await assertProjectAccess(db, user, projectId, 'project:read');
      const record = await repo.record(projectId);
      if (!record) throw notFound('Project');
      return documentStart(new Date()) + activityXml(record) + DOCUMENT_END;
    },

    /**
     * Every project the user may see, in one document, made activity by activity as the
     * reader asks for more, so that a large portfolio never sits in memory whole. Which
     * projects is settled now; each one is read when its turn comes.
     */
    async portfolioXml(user: AuthUser): Promise<AsyncIterable<string>> {
      const ids = await repo.visibleProjectIds(user);
      return (async function* chunks() {
        yield documentStart(new Date());
        for (const id of ids) {
          const record = await repo.record(id);
          if (record) yield activityXml(record);
        }
        yield DOCUMENT_END;
      })();
    },

    /**
     * Reads an IATI 2.03 file and imports every activity in one transaction (all or
     * nothing); a dry run answers the same preview and writes nothing. Reading and the
     * dry run let the event loop turn between steps (a preview needs no snapshot); the
     * transaction runs in one go.
     */
    async import(user: AuthUser, text: string, dryRun: boolean): Promise<IatiImportResult> {
      const { plans, ignored } = await planDocument(await parseXml(text));
      const canUpdate = async (projectId: number) => (await isProjectVisible(db, user, projectId)) && hasPermission(user.role, 'project:update');
      if (dryRun) {
        const activities: IatiImportResult['activities'] = [];
        const turn = createTurns();
        for (const plan of plans) {
          await turn();
          activities.push(await applyPlan(db, repo, user, plan, false, canUpdate));
        }
        return { dryRun: true, version: IATI_VERSION, activities, ignored };
      }
      // The transaction runs in one go: it awaits only the database, never a turn.
      const activities = await inTransaction(db, async () => {
        const written: IatiImportResult['activities'] = [];
        for (const plan of plans) written.push(await applyPlan(db, repo, user, plan, true, canUpdate));
        return written;
      });
      return { dryRun: false, version: IATI_VERSION, activities, ignored };
    },
  };
}
export type IatiService = ReturnType<typeof createIatiService>;
