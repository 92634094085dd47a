import { MilestoneSchema, type Milestone, type UpdateMilestoneInput } from '@shared/schemas/timeline';
import { api } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';
import { timelineKeys } from './query-keys';

export function updateMilestone({ id, input }: { id: number; input: UpdateMilestoneInput }) {
  return api.patch(`/milestones/${id}`, input, MilestoneSchema);
}

export function useUpdateMilestone({ onSuccess }: { onSuccess?: (m: Milestone) => void } = {}) {
  return useRecordMutation(updateMilestone, { invalidate: [timelineKeys.all], onSuccess });
}
