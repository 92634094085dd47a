import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PersonSchema, type CreatePersonInput, type Person } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { registryKeys } from './query-keys';

export function createPerson(input: CreatePersonInput) {
  return api.post('/registry/people', input, PersonSchema);
}

export function useCreatePerson({ onSuccess }: { onSuccess?: (person: Person) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPerson,
    onSuccess: async (person) => {
      queryClient.setQueryData(registryKeys.person(person.id), person);
      onSuccess?.(person);
      await queryClient.invalidateQueries({ queryKey: registryKeys.all });
    },
  });
}
