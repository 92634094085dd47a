import type { Db } from '../db/client';
import { auditLog, type AuditAction } from '../db/schema';

export type AuditEntry = {
  userId: number | null;
  entity: string;
  entityId: number;
  projectId: number | null;
  action: AuditAction;
  before?: unknown;
  after?: unknown;
  note?: string | null;
};

/** Writes one audit row; call it inside the transaction of the change it records. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    at: new Date().toISOString(),
    userId: entry.userId,
    entity: entry.entity,
    entityId: entry.entityId,
    projectId: entry.projectId,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    note: entry.note ?? null,
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields that differ between two versions of a record, ignoring bookkeeping fields.
 * Nested objects (such as participant counts) are compared field by field, so the
 * history says "participants.women: 10 → 12" rather than two whole objects.
 */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  prefix = '',
): { field: string; from: unknown; to: unknown }[] {
  const ignored = new Set(['version', 'updatedAt', 'createdAt', 'id']);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  for (const key of keys) {
    if (!prefix && ignored.has(key)) continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (isPlainObject(from) || isPlainObject(to)) {
      changes.push(...diffRecords(isPlainObject(from) ? from : null, isPlainObject(to) ? to : null, `${prefix}${key}.`));
    } else if (JSON.stringify(from) !== JSON.stringify(to)) {
      changes.push({ field: prefix + key, from, to });
    }
  }
  return changes;
}
