import { IndicatorValueSchema, type IndicatorValue, type RecordValueInput, type UpdateValueInput } from '@shared/schemas/indicator-value';
import { api } from '@/lib/api-client';
import { useRecordMutation, type MutationCallbacks } from '@/lib/record-mutation';
import { indicatorsKeys } from './query-keys';

/** The first value of a period (a draft). */
export function recordValue({ periodId, input }: { periodId: number; input: RecordValueInput }) {
  return api.post(`/periods/${periodId}/values`, input, IndicatorValueSchema);
}

/** Changes a draft or returned value; carries the version it was read at. */
export function updateValue({ id, input }: { id: number; input: UpdateValueInput }) {
  return api.patch(`/values/${id}`, input, IndicatorValueSchema);
}

export type SaveValueArgs = { kind: 'record'; periodId: number; input: RecordValueInput } | { kind: 'update'; id: number; input: UpdateValueInput };

export function saveValue(args: SaveValueArgs): Promise<IndicatorValue> {
  return args.kind === 'record' ? recordValue(args) : updateValue(args);
}

export function useSaveValue({ onSuccess }: MutationCallbacks<IndicatorValue> = {}) {
  return useRecordMutation(saveValue, { invalidate: [indicatorsKeys.all], onSuccess });
}
