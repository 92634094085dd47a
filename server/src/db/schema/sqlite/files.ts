import { blob, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

/**
 * The content of uploaded files kept in the database (decision 017): on PostgreSQL by
 * default, so every instance reads them. SQLite keeps its files in a folder beside the
 * database; the table is here all the same, so both engines have the same tables.
 */
export const storedFiles = sqliteTable('stored_files', {
  /** The random name the evidence rows refer to (32 hex characters). */
  storedName: text('stored_name').primaryKey(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
  createdAt: createdAt(),
});
