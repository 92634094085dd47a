import { index, integer, json, pgTable, text } from 'drizzle-orm/pg-core';
import { AUDIT_ACTIONS } from '../sqlite/audit';
import { users } from './users';

export { AUDIT_ACTIONS, type AuditAction } from '../sqlite/audit';

/**
 * One row per change (create, update, delete), written in the same transaction as the
 * change. An entity's history is read from here, so it cannot drift from what happened.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    projectId: integer('project_id'),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    before: json('before'),
    after: json('after'),
    note: text('note'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId, t.id), index('audit_project_idx').on(t.projectId)],
);
