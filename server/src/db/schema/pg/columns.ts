import { sql } from 'drizzle-orm';
import { text } from 'drizzle-orm/pg-core';

/**
 * The time as the SQLite schema's default writes it and as `Date#toISOString` does
 * (2024-05-01T09:30:00.123Z), so rows look the same whichever engine or code path set
 * it. statement_timestamp(), not now(): SQLite's 'now' moves on within a transaction.
 */
export const isoNow = sql`to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const createdAt = () => text('created_at').notNull().default(isoNow);
export const updatedAt = () => text('updated_at').notNull().default(isoNow);
