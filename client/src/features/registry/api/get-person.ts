import { queryOptions, useQuery } from '@tanstack/react-query';
import { PersonSchema } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { registryKeys } from './query-keys';

export function getPerson(id: number, signal?: AbortSignal) {
  return api.get(`/registry/people/${id}`, PersonSchema, { signal });
}

export function getPersonQueryOptions(id: number) {
  return queryOptions({ queryKey: registryKeys.person(id), queryFn: ({ signal }) => getPerson(id, signal) });
}

export function usePerson(id: number) {
  return useQuery(getPersonQueryOptions(id));
}
