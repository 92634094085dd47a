import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { KEPT_AFTER_ERASURE, personalColumns, REGISTRY_COLUMNS, type RegistryTable } from '@shared/schemas/registry-columns';
import * as schema from '../../server/src/db/schema';

const tables = Object.values(schema as Record<string, unknown>).flatMap((t) => (t instanceof SQLiteTable ? [getTableConfig(t)] : []));

/** Registry tables: by name, or because they point at a registry person. */
const registryTables = tables.filter(
  (t) =>
    t.name.startsWith('registry_') ||
    t.name === 'attendance' ||
    t.name === 'person_access_log' ||
    t.foreignKeys.some((fk) => getTableConfig(fk.reference().foreignTable).name === 'registry_people'),
);

describe('registry column classification', () => {
  it('covers every registry table, including any table that points at a person', () => {
    expect(registryTables.map((t) => t.name).sort()).toEqual(Object.keys(REGISTRY_COLUMNS).sort());
  });

  it.each(registryTables.map((t) => [t.name, t] as const))('%s: every column is classified, and no classified column is missing', (name, table) => {
    const classified = REGISTRY_COLUMNS[name as RegistryTable];
    expect(table.columns.map((c) => c.name).sort()).toEqual(Object.keys(classified).sort());
  });

  it('classifies contact details and identifiers of a person as personal', () => {
    for (const column of ['name', 'email', 'phone', 'birth_year', 'city', 'notes', 'name_key', 'email_key']) {
      expect(personalColumns('registry_people')).toContain(column);
    }
    expect(personalColumns('registry_organisations')).toEqual(['contact_person_id', 'contact_email', 'contact_phone']);
  });

  it('keeps after erasure only personal columns it names, all of them coarse', () => {
    for (const column of KEPT_AFTER_ERASURE) expect(REGISTRY_COLUMNS.registry_people[column]).toBe('personal');
    expect([...KEPT_AFTER_ERASURE].sort()).toEqual(['country', 'participant_group', 'sex']);
  });
});
