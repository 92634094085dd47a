export const timelineKeys = {
  all: ['timeline'] as const,
  timeline: (projectId: number) => [...timelineKeys.all, 'project', projectId] as const,
  dependencyChecks: () => [...timelineKeys.all, 'dependency-check'] as const,
  dependencyCheck: (activityId: number, proposed: Record<string, string>) => [...timelineKeys.dependencyChecks(), activityId, proposed] as const,
  milestoneLists: () => [...timelineKeys.all, 'milestones'] as const,
  milestones: (projectId: number, activityId?: number) => [...timelineKeys.milestoneLists(), projectId, activityId ?? null] as const,
  subEventLists: () => [...timelineKeys.all, 'sub-events'] as const,
  subEvents: (activityId: number) => [...timelineKeys.subEventLists(), activityId] as const,
};
