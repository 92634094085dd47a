import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PeriodSchema, type Period } from '@shared/schemas/indicator-period';
import type { UnlockPeriodInput } from '@shared/schemas/indicator-value';
import { api } from '@/lib/api-client';
import { indicatorsKeys } from './query-keys';

export function unlockPeriod({ id, input }: { id: number; input: UnlockPeriodInput }) {
  return api.post(`/periods/${id}/unlock`, input, PeriodSchema);
}

/** An admin sends an approved value back to returned, with the reason as its note. */
export function useUnlockPeriod({ onSuccess }: { onSuccess?: (period: Period) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlockPeriod,
    onSuccess: async (period) => {
      onSuccess?.(period);
      await queryClient.invalidateQueries({ queryKey: indicatorsKeys.all });
    },
  });
}
