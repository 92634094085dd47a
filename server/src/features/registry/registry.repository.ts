import type { Db } from '../../db/client';
import { createImportRepository } from './registry-import.repository';
import { createOrganisationsRepository } from './registry-organisations.repository';
import { createPeopleRepository } from './registry-people.repository';

/** The registry's queries over its tables: people (with consent and access log), organisations, the import's bulk writers. */
export function createRegistryRepository(db: Db) {
  return {
    ...createPeopleRepository(db),
    ...createOrganisationsRepository(db),
    ...createImportRepository(db),
  };
}
export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
