import { queryOptions, useQuery } from '@tanstack/react-query';
import { ConsentListSchema, PersonSchema, type ConsentInput } from '@shared/schemas/registry';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
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

// The consent record, the person and the lists all live under the people key.
export const useGiveConsent = () => useRecordMutation(giveConsent, { invalidate: [registryKeys.people()] });
export const useWithdrawConsent = () => useRecordMutation(withdrawConsent, { invalidate: [registryKeys.people()] });
