import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { PersonListSchema, type ConsentStatusSchema, type ParticipantGroupSchema, type SectorSchema } from '@shared/schemas/registry';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { registryKeys } from './query-keys';

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
