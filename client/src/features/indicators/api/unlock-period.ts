import { PeriodSchema, type Period } from '@shared/schemas/indicator-period';
import type { UnlockPeriodInput } from '@shared/schemas/indicator-value';
import { api } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';
import { indicatorsKeys } from './query-keys';

export function unlockPeriod({ id, input }: { id: number; input: UnlockPeriodInput }) {
  return api.post(`/periods/${id}/unlock`, input, PeriodSchema);
}

/** An admin sends an approved value back to returned, with the reason as its note. */
export function useUnlockPeriod({ onSuccess }: MutationCallbacks<Period> = {}) {
  return useRecordMutation(unlockPeriod, { invalidate: [indicatorsKeys.all], onSuccess });
}
