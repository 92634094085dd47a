import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, updatedAt, version } from './columns';

export const users = sqliteTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  organisation: text('organisation').notNull().default(''),
  role: text('role', { enum: ['admin', 'manager', 'partner', 'donor'] }).notNull(),
  /** The account's language; null until one is chosen (the first sign-in then saves the sign-in page's language). */
  locale: text('locale', { enum: ['en', 'ru', 'tg'] }),
  passwordHash: text('password_hash').notNull(),
  disabledAt: text('disabled_at'),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Server-side sessions. The id is the SHA-256 of the cookie token, so a copy of the table opens no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** A random handle for session lists and revoking; the id itself is never shown. */
    publicId: text('public_id').notNull(),
    /** The browser's User-Agent at sign-in, cut to 200 characters. */
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), uniqueIndex('sessions_public_id_idx').on(t.publicId)],
);
