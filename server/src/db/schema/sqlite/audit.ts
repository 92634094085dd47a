import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';
import { id } from './columns';

/**
 * Changes to records, and (entity 'auth') sign-in events: a sign-in, a refused one, a
 * sign-out, two-factor turned on or off, a password-reset link made or used, a session ended,
 * and the alerts of sign-in throttling (once per episode: docs/decisions/014-sign-in-throttling.md).
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'login',
  'login_failed',
  'logout',
  'totp_enabled',
  'totp_disabled',
  'password_reset_issued',
  'password_reset',
  'session_revoked',
  'sign_in_throttled',
  'sign_in_guessing_suspected',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One row per change (create, update, delete), written in the same transaction as the
 * change. An entity's history is read from here, so it cannot drift from what happened.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    projectId: integer('project_id'),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    note: text('note'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId, t.id), index('audit_project_idx').on(t.projectId)],
);
