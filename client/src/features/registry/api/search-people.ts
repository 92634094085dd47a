import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { PersonListSchema } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { registryKeys } from './query-keys';

/** Name or e-mail search: a POST body, so the term never reaches a URL or a server log. */
export function searchPeople(projectId: number, term: string) {
  const isEmail = term.includes('@');
  return api.post('/registry/people/search', { projectId, ...(isEmail ? { email: term } : { q: term }), pageSize: 50 }, PersonListSchema);
}

export function getPeopleSearchQueryOptions(projectId: number, term: string) {
  return queryOptions({
    queryKey: registryKeys.peopleSearch(projectId, term),
    queryFn: () => searchPeople(projectId, term),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    // Search results are personal: keep them no longer than the screen needs them.
    gcTime: 60_000,
  });
}

export function usePeopleSearch(projectId: number, term: string) {
  return useQuery(getPeopleSearchQueryOptions(projectId, term));
}
