import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConsentListSchema, PersonSchema, type ConsentInput } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { registryKeys } from './query-keys';

/** The append-only consent record of one person, oldest first. */
export function listConsents(personId: number, signal?: AbortSignal) {
  return api.get(`/registry/people/${personId}/consents`, ConsentListSchema, { signal });
}

export function getConsentsQueryOptions(personId: number) {
  return queryOptions({ queryKey: registryKeys.consents(personId), queryFn: ({ signal }) => listConsents(personId, signal) });
}

export function useConsents(personId: number) {
  return useQuery(getConsentsQueryOptions(personId));
}

export function giveConsent({ personId, input }: { personId: number; input: ConsentInput }) {
  return api.post(`/registry/people/${personId}/consents`, input, PersonSchema);
}

/** Withdrawal appends one row; the person leaves the contacts export at once. */
export function withdrawConsent({ personId, withdrawnOn }: { personId: number; withdrawnOn?: string }) {
  return api.post(`/registry/people/${personId}/consent/withdraw`, withdrawnOn ? { withdrawnOn } : {}, PersonSchema);
}

function useConsentMutation<V extends { personId: number }, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (_r, v) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: registryKeys.consents(v.personId) }),
        queryClient.invalidateQueries({ queryKey: registryKeys.person(v.personId) }),
        queryClient.invalidateQueries({ queryKey: registryKeys.people() }),
      ]);
    },
  });
}

export const useGiveConsent = () => useConsentMutation(giveConsent);
export const useWithdrawConsent = () => useConsentMutation(withdrawConsent);
