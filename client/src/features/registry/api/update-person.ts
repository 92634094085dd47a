import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PersonSchema, type Person, type UpdatePersonInput } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { registryKeys } from './query-keys';

export function updatePerson({ id, input }: { id: number; input: UpdatePersonInput }) {
  return api.patch(`/registry/people/${id}`, input, PersonSchema);
}

export function useUpdatePerson({ onSuccess }: { onSuccess?: (person: Person) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePerson,
    onSuccess: async (person) => {
      queryClient.setQueryData(registryKeys.person(person.id), person);
      onSuccess?.(person);
      await queryClient.invalidateQueries({ queryKey: registryKeys.people() });
    },
  });
}
