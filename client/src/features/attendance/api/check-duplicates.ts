import { DuplicateCheckSchema, type CheckDuplicatesInput } from '@shared/schemas/registry';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';

/** Before adding a new person inline: people already in the registry who may be them (same e-mail, or same name in either script with birth year and country). */
export function checkDuplicates(input: z.input<typeof CheckDuplicatesInput>) {
  return api.post('/registry/people/duplicates', input, DuplicateCheckSchema);
}

export function useCheckDuplicates() {
  return useRecordMutation(checkDuplicates, { invalidate: [] });
}
