import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PersonSchema } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { registryKeys } from './query-keys';

/** Cannot be undone: the client confirms it and names the version it showed. */
export function erasePerson({ id, version }: { id: number; version: number }) {
  return api.post(`/registry/people/${id}/erase`, { version, confirm: true }, PersonSchema);
}

export function useErasePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: erasePerson,
    onSuccess: async (person) => {
      queryClient.setQueryData(registryKeys.person(person.id), person);
      await queryClient.invalidateQueries({ queryKey: registryKeys.all });
    },
  });
}
