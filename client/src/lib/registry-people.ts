import { keepPreviousData, queryOptions, type QueryKey } from '@tanstack/react-query';
import type { z } from 'zod';
import { DuplicateCheckSchema, PersonListSchema, type CheckDuplicatesInput } from '@shared/schemas/registry';
import { api } from './api-client';
import { useRecordMutation } from './record-mutation';

/*
 * The registry's people as other screens look them up (the registry itself, attendance):
 * features do not import each other, so the one search and the one duplicate check live here.
 */

/** Name or e-mail search: a POST body, so the term never reaches a URL or a server log. */
export function searchRegistryPeople(projectId: number, term: string, pageSize: number) {
  const isEmail = term.includes('@');
  return api.post('/registry/people/search', { projectId, ...(isEmail ? { email: term } : { q: term }), pageSize }, PersonListSchema);
}

export function registryPeopleSearchOptions<K extends QueryKey>(queryKey: K, projectId: number, term: string, pageSize: number) {
  return queryOptions({
    queryKey,
    queryFn: () => searchRegistryPeople(projectId, term, pageSize),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    // Search results are personal: keep them no longer than the screen needs them.
    gcTime: 60_000,
  });
}

/** People already in the registry who may be this one (same e-mail, or same name in either script with birth year and country). */
export function checkDuplicates(input: z.input<typeof CheckDuplicatesInput>) {
  return api.post('/registry/people/duplicates', input, DuplicateCheckSchema);
}

export function useCheckDuplicates() {
  return useRecordMutation(checkDuplicates, { invalidate: [] });
}
