import type { z } from 'zod';
import type { ConsentStatusSchema, ParticipantGroupSchema, SectorSchema } from '@shared/schemas/registry';
import type { RegistrySummaryQuery } from '@shared/schemas/registry-summary';

export type RegistrySummaryFilters = Omit<RegistrySummaryQuery, 'projectId'>;

/** Non-personal filters only: they may appear in URLs. Names and e-mails go through search. */
export type PeopleFilters = {
  country?: string;
  sector?: z.infer<typeof SectorSchema>;
  group?: z.infer<typeof ParticipantGroupSchema>;
  consent?: z.infer<typeof ConsentStatusSchema>;
  organisationId?: number;
  page?: number;
  pageSize?: number;
};

/** Everything the registry caches lives in memory only (no persistence): it is personal data. */
export const registryKeys = {
  all: ['registry'] as const,
  people: () => [...registryKeys.all, 'people'] as const,
  peopleList: (projectId: number, filters: PeopleFilters) => [...registryKeys.people(), 'list', projectId, filters] as const,
  peopleSearch: (projectId: number, q: string) => [...registryKeys.people(), 'search', projectId, q] as const,
  person: (id: number) => [...registryKeys.people(), 'detail', id] as const,
  consents: (id: number) => [...registryKeys.people(), 'consents', id] as const,
  organisations: () => [...registryKeys.all, 'organisations'] as const,
  organisationList: (projectId: number) => [...registryKeys.organisations(), 'list', projectId] as const,
  organisation: (id: number) => [...registryKeys.organisations(), 'detail', id] as const,
  summary: (projectId: number, filters: RegistrySummaryFilters) => [...registryKeys.all, 'summary', projectId, filters] as const,
};
