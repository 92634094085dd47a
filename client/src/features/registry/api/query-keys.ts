import type { RegistrySummaryFilters } from './get-summary';
import type { PeopleFilters } from './list-people';

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
