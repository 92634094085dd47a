import type { Db } from '../../db/client';
import { createConsentService } from './registry-consent.service';
import { createRegistryContext } from './registry-context';
import { createImportService } from './registry-import.service';
import { createOrganisationsService } from './registry-organisations.service';
import { createPeopleService } from './registry-people.service';
import type { RegistryRepository } from './registry.repository';

/** The registry: people, their consent and rights, the survey import and organisations, over one repository. */
export function createRegistryService(db: Db, repo: RegistryRepository) {
  const ctx = createRegistryContext(db, repo);
  return {
    ...createPeopleService(db, repo, ctx),
    ...createConsentService(db, repo, ctx),
    ...createImportService(db, repo),
    ...createOrganisationsService(db, repo, ctx),
  };
}
export type RegistryService = ReturnType<typeof createRegistryService>;
