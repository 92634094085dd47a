import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { PersonListSchema } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { registryKeys, type PeopleFilters } from './query-keys';

export type { PeopleFilters };

export function listPeople(projectId: number, filters: PeopleFilters, signal?: AbortSignal) {
  return api.get('/registry/people', PersonListSchema, { query: { projectId, ...filters }, signal });
}

export function getPeopleQueryOptions(projectId: number, filters: PeopleFilters) {
  return queryOptions({
    queryKey: registryKeys.peopleList(projectId, filters),
    queryFn: ({ signal }) => listPeople(projectId, filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePeople(projectId: number, filters: PeopleFilters) {
  return useQuery(getPeopleQueryOptions(projectId, filters));
}
