import { useQuery } from '@tanstack/react-query';
import { registryPeopleSearchOptions } from '@/lib/registry-people';
import { registryKeys } from './query-keys';

export function getPeopleSearchQueryOptions(projectId: number, term: string) {
  return registryPeopleSearchOptions(registryKeys.peopleSearch(projectId, term), projectId, term, 50);
}

export function usePeopleSearch(projectId: number, term: string) {
  return useQuery(getPeopleSearchQueryOptions(projectId, term));
}
