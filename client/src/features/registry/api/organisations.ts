import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  OrganisationListSchema,
  OrganisationSchema,
  type CreateEngagementInput,
  type CreateOrganisationInput,
  type Organisation,
  type UpdateOrganisationInput,
} from '@shared/schemas/registry-organisation';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { registryKeys } from './query-keys';

export function listOrganisations(projectId: number, signal?: AbortSignal) {
  return api.get('/registry/organisations', OrganisationListSchema, { query: { projectId }, signal });
}

export function getOrganisationsQueryOptions(projectId: number) {
  return queryOptions({ queryKey: registryKeys.organisationList(projectId), queryFn: ({ signal }) => listOrganisations(projectId, signal) });
}

export function useOrganisations(projectId: number) {
  return useQuery(getOrganisationsQueryOptions(projectId));
}

export function getOrganisation(id: number, signal?: AbortSignal) {
  return api.get(`/registry/organisations/${id}`, OrganisationSchema, { signal });
}

export function getOrganisationQueryOptions(id: number) {
  return queryOptions({ queryKey: registryKeys.organisation(id), queryFn: ({ signal }) => getOrganisation(id, signal) });
}

export function useOrganisation(id: number) {
  return useQuery(getOrganisationQueryOptions(id));
}

export function createOrganisation(input: CreateOrganisationInput) {
  return api.post('/registry/organisations', input, OrganisationSchema);
}

export function useCreateOrganisation({ onSuccess }: { onSuccess?: (organisation: Organisation) => void } = {}) {
  return useRecordMutation(createOrganisation, { invalidate: [registryKeys.organisations()], onSuccess });
}

export function addEngagement({ organisationId, input }: { organisationId: number; input: CreateEngagementInput }) {
  return api.post(`/registry/organisations/${organisationId}/engagements`, input, OrganisationSchema);
}

export function useAddEngagement() {
  return useRecordMutation(addEngagement, { invalidate: (v) => [registryKeys.organisation(v.organisationId)] });
}

export function updateOrganisation({ id, input }: { id: number; input: UpdateOrganisationInput }) {
  return api.patch(`/registry/organisations/${id}`, input, OrganisationSchema);
}

export function useUpdateOrganisation({ onSuccess }: { onSuccess?: (organisation: Organisation) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOrganisation,
    onSuccess: async (organisation) => {
      queryClient.setQueryData(registryKeys.organisation(organisation.id), organisation);
      onSuccess?.(organisation);
      await queryClient.invalidateQueries({ queryKey: registryKeys.organisations() });
    },
  });
}
