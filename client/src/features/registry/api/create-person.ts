import { PersonSchema, type CreatePersonInput, type Person } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';
import { registryKeys } from './query-keys';

export function createPerson(input: CreatePersonInput) {
  return api.post('/registry/people', input, PersonSchema);
}

export function useCreatePerson({ onSuccess }: MutationCallbacks<Person> = {}) {
  return useRecordMutation(createPerson, {
    invalidate: [registryKeys.all],
    onSuccess,
    update: (queryClient, person) => queryClient.setQueryData(registryKeys.person(person.id), person),
  });
}
