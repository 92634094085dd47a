import { useMutation, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { isApiError } from './api-client';

type RecordMutationOptions<TInput, TResult> = {
  /**
   * The queries a saved change makes stale, refetched after it (and after a version conflict);
   * a function when they depend on what was sent.
   */
  invalidate: readonly QueryKey[] | ((input: TInput) => readonly QueryKey[]);
  /** The caller's own follow-up, run before the refetch starts. */
  onSuccess?: (result: TResult, input: TInput) => void;
  /** The caller's own reaction to a refusal, run before any refetch. */
  onError?: (error: unknown, input: TInput) => void;
  /** Cache work of the feature's own (put the saved record in its detail query, drop a deleted one). */
  update?: (queryClient: QueryClient, result: TResult, input: TInput) => void;
};

/**
 * The one shape of a write from the browser: send it, and once it is saved refresh what it
 * changed. A version conflict refreshes the same queries, so the form that reloads shows the
 * record as it is now.
 */
export function useRecordMutation<TInput, TResult>(
  mutationFn: (input: TInput) => Promise<TResult>,
  { invalidate, onSuccess, onError, update }: RecordMutationOptions<TInput, TResult>,
) {
  const queryClient = useQueryClient();
  const refresh = (input: TInput) =>
    Promise.all((typeof invalidate === 'function' ? invalidate(input) : invalidate).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  return useMutation({
    mutationFn,
    onError: async (error, input) => {
      onError?.(error, input);
      if (isApiError(error) && error.isVersionConflict) await refresh(input);
    },
    onSuccess: async (result, input) => {
      update?.(queryClient, result, input);
      onSuccess?.(result, input);
      await refresh(input);
    },
  });
}

/** What a feature's mutation hook takes from its caller. */
export type MutationCallbacks<TResult> = { onSuccess?: (result: TResult) => void };
