import { IndicatorValueSchema, type IndicatorValue } from '@shared/schemas/indicator-value';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { indicatorsKeys } from './query-keys';

export type TransitionArgs =
  { action: 'submit' | 'approve'; id: number; version: number } | { action: 'return'; id: number; version: number; note: string };

/** submit (for review), approve, or return with a note; each carries the version the user saw. */
export function transitionValue(args: TransitionArgs) {
  const body = args.action === 'return' ? { version: args.version, note: args.note } : { version: args.version };
  return api.post(`/values/${args.id}/${args.action}`, body, IndicatorValueSchema);
}

export function useTransitionValue({ onSuccess }: { onSuccess?: (value: IndicatorValue, args: TransitionArgs) => void } = {}) {
  return useRecordMutation(transitionValue, { invalidate: [indicatorsKeys.all], onSuccess });
}
