import { bigint, customType, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';

/**
 * bytea as a Buffer, as SQLite's blob column gives it. The pg driver reads bytea as a
 * Buffer already; PGlite gives a Uint8Array, wrapped here without a copy.
 */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/** The content of uploaded files kept in the database, so every instance reads them (decision 017). */
export const storedFiles = pgTable('stored_files', {
  /** The random name the evidence rows refer to (32 hex characters). */
  storedName: text('stored_name').primaryKey(),
  sha256: text('sha256').notNull(),
  /** Bytes; 64-bit so a larger upload limit never needs a migration. */
  size: bigint('size', { mode: 'number' }).notNull(),
  data: bytea('data').notNull(),
  createdAt: createdAt(),
});
