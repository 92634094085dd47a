import { sql } from 'drizzle-orm';
import { integer, text } from 'drizzle-orm/sqlite-core';

/**
 * The time as `Date#toISOString` writes it (2024-05-01T09:30:00.123Z), the same text the
 * PostgreSQL schema's isoNow gives, so rows look alike whichever engine set them.
 */
export const isoNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const createdAt = () => text('created_at').notNull().default(isoNow);
export const updatedAt = () => text('updated_at').notNull().default(isoNow);
/** Fresh builders per table: a column builder belongs to the one table it is built into. */
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });

/** The row id the database assigns. */
export const id = () => integer('id').primaryKey({ autoIncrement: true });
/** The version a stale update is refused by (409). */
export const version = () => integer('version').notNull().default(1);
/** Demo data beyond the brief's facts, marked so in the data and the interface. */
export const illustrative = () => integer('illustrative', { mode: 'boolean' }).notNull().default(false);
