import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { PersonListSchema } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { attendanceKeys } from './query-keys';

/** People of the project's registry by name or e-mail, to mark as present. A POST body: the term stays out of URLs. */
export function searchPeople(projectId: number, term: string) {
  return api.post('/registry/people/search', { projectId, ...(term.includes('@') ? { email: term } : { q: term }), pageSize: 20 }, PersonListSchema);
}

export function getPeopleSearchQueryOptions(projectId: number, term: string) {
  return queryOptions({
    queryKey: [...attendanceKeys.all, 'people-search', projectId, term] as const,
    queryFn: () => searchPeople(projectId, term),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    gcTime: 60_000,
  });
}

export function usePeopleSearch(projectId: number, term: string) {
  return useQuery(getPeopleSearchQueryOptions(projectId, term));
}
