export const attendanceKeys = {
  all: ['attendance'] as const,
  activity: (activityId: number) => [...attendanceKeys.all, 'activity', activityId] as const,
  list: (activityId: number, subEventId: number | null) => [...attendanceKeys.activity(activityId), subEventId ?? 'all'] as const,
};
