import { useQuery } from '@tanstack/react-query';
import { registryPeopleSearchOptions } from '@/lib/registry-people';
import { attendanceKeys } from './query-keys';

/** People of the project's registry by name or e-mail, to mark as present. */
export function getPeopleSearchQueryOptions(projectId: number, term: string) {
  return registryPeopleSearchOptions([...attendanceKeys.all, 'people-search', projectId, term] as const, projectId, term, 20);
}

export function usePeopleSearch(projectId: number, term: string) {
  return useQuery(getPeopleSearchQueryOptions(projectId, term));
}
