import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { databaseEngine } from './engine';

/**
 * SQL that differs between the engines, in one place. Everything else the repositories
 * write is the same on SQLite and PostgreSQL.
 */

/** True when the JSON array of strings in column holds value (json_each on SQLite, json_array_elements_text on PostgreSQL). */
export function jsonArrayHas(column: AnyColumn, value: string): SQL {
  return databaseEngine() === 'sqlite'
    ? sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value = ${value})`
    : sql`EXISTS (SELECT 1 FROM json_array_elements_text(${column}) AS element(value) WHERE element.value = ${value})`;
}
