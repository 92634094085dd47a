import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PeriodSchema, type Period, type UpdatePeriodInput } from '@shared/schemas/indicator-period';
import { api } from '@/lib/api-client';
import { indicatorsKeys } from './query-keys';

export function updatePeriod({ id, input }: { id: number; input: UpdatePeriodInput }) {
  return api.patch(`/periods/${id}`, input, PeriodSchema);
}

export function useUpdatePeriod({ onSuccess }: { onSuccess?: (period: Period) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePeriod,
    onSettled: () => queryClient.invalidateQueries({ queryKey: indicatorsKeys.all }),
    onSuccess,
  });
}
