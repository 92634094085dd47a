import { sql } from 'drizzle-orm';

/**
 * The time as `Date#toISOString` writes it (2024-05-01T09:30:00.123Z), the same text the
 * PostgreSQL schema's isoNow gives, so rows look alike whichever engine set them.
 */
export const isoNow = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
