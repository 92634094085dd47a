import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ActivitySchema } from '@shared/schemas/activity';
import { api, isApiError } from '@/lib/api-client';
import { checkDependencies } from './check-dependencies';
import { timelineKeys } from './query-keys';

export type ActivityDates = {
  plannedStart?: string | null;
  plannedEnd?: string | null;
  actualStart?: string | null;
  actualEnd?: string | null;
};

/** PATCH /activities/:id with dates only, carrying the version the Gantt row was read at. */
export function updateActivityDates({ id, version, dates }: { id: number; version: number; dates: ActivityDates }) {
  return api.patch(`/activities/${id}`, { version, ...dates }, ActivitySchema);
}

/**
 * Saves new dates, then asks the server which dependencies the stored dates now break:
 * the answer travels with the saved activity so the screen can warn.
 */
export async function updateActivityDatesAndCheck(input: { id: number; version: number; dates: ActivityDates }) {
  const activity = await updateActivityDates(input);
  const check = await checkDependencies(activity.id).catch(() => null);
  return { activity, broken: check?.broken ?? [] };
}

export type DateSaveResult = Awaited<ReturnType<typeof updateActivityDatesAndCheck>>;

export function useUpdateActivityDates({ onSuccess }: { onSuccess?: (result: DateSaveResult) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateActivityDatesAndCheck,
    onError: async (error) => {
      // A stale version: show the rows as they are now, so the next move starts from there.
      if (isApiError(error) && error.isVersionConflict) await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
    onSuccess: async (result) => {
      onSuccess?.(result);
      await queryClient.invalidateQueries({ queryKey: timelineKeys.all });
    },
  });
}
