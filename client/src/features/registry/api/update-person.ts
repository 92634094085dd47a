import { PersonSchema, type Person, type UpdatePersonInput } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';
import { registryKeys } from './query-keys';

export function updatePerson({ id, input }: { id: number; input: UpdatePersonInput }) {
  return api.patch(`/registry/people/${id}`, input, PersonSchema);
}

export function useUpdatePerson({ onSuccess }: MutationCallbacks<Person> = {}) {
  return useRecordMutation(updatePerson, {
    invalidate: [registryKeys.people()],
    onSuccess,
    update: (queryClient, person) => queryClient.setQueryData(registryKeys.person(person.id), person),
  });
}
