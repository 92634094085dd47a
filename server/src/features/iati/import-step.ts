import type { IatiImportActivity } from '@shared/schemas/iati';
import { writeAudit } from '../../core/audit';
import type { AuthUser } from '../../core/auth-user';
import { versionConflict } from '../../core/errors';
import type { Db } from '../../db/client';
import type { ActivityRecord, IatiRepository } from './iati.repository';
import type { ActivityPlan } from './import-plan';

/** What every step of applying one activity's plan shares. */
export type ImportStep = {
  repo: IatiRepository;
  user: AuthUser;
  plan: ActivityPlan;
  /** False on a dry run: nothing is written and ids of new records are made up. */
  write: boolean;
  out: IatiImportActivity;
  /** The project as stored before the import, with everything the file can carry. */
  record: ActivityRecord | undefined;
  projectId: number;
  now: string;
  /** A new record's id: the one written, or a made-up one on a dry run. */
  create: (real: () => Promise<number>) => Promise<number>;
  /** The audit row of a record the import created or changed, as the feature's own paths write it. */
  audit: (entity: string, entityId: number, action: 'create' | 'update', before: unknown, after: unknown) => Promise<void>;
};

export function importStep(db: Db, fields: Omit<ImportStep, 'create' | 'audit' | 'now' | 'projectId'>): ImportStep {
  let fakeId = -1;
  const step: ImportStep = {
    ...fields,
    projectId: 0,
    now: new Date().toISOString(),
    create: async (real) => (fields.write ? real() : fakeId--),
    audit: (entity, entityId, action, before, after) =>
      writeAudit(db, { userId: fields.user.id, entity, entityId, projectId: step.projectId, action, before, after, note: 'IATI import' }),
  };
  return step;
}

/** The import read the row in its own transaction a moment ago, so the version matches unless someone else wrote it since. */
export function assertUpdated(updated: boolean, current: unknown): void {
  if (!updated) throw versionConflict(current);
}
