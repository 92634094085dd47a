import { PersonSchema } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { registryKeys } from './query-keys';

/** Cannot be undone: the client confirms it and names the version it showed. */
export function erasePerson({ id, version }: { id: number; version: number }) {
  return api.post(`/registry/people/${id}/erase`, { version, confirm: true }, PersonSchema);
}

export function useErasePerson() {
  return useRecordMutation(erasePerson, {
    invalidate: [registryKeys.all],
    update: (queryClient, person) => queryClient.setQueryData(registryKeys.person(person.id), person),
  });
}
