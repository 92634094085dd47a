import { queryOptions, useQuery } from '@tanstack/react-query';
import { MilestoneListSchema } from '@shared/schemas/timeline';
import { api } from '@/lib/api-client';
import { timelineKeys } from './query-keys';

/** Milestones and deliverables of a project, or of one of its activities. */
export function listMilestones(projectId: number, activityId?: number, signal?: AbortSignal) {
  return api.get(`/projects/${projectId}/milestones`, MilestoneListSchema, { query: { activityId }, signal });
}

export function getMilestonesQueryOptions(projectId: number, activityId?: number) {
  return queryOptions({
    queryKey: timelineKeys.milestones(projectId, activityId),
    queryFn: ({ signal }) => listMilestones(projectId, activityId, signal),
  });
}

export function useMilestones(projectId: number, activityId?: number) {
  return useQuery(getMilestonesQueryOptions(projectId, activityId));
}
