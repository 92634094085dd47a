export const attendanceKeys = {
  all: ['attendance'] as const,
  activity: (activityId: number) => [...attendanceKeys.all, 'activity', activityId] as const,
  list: (activityId: number, subEventId: number | null) => [...attendanceKeys.activity(activityId), subEventId ?? 'all'] as const,
};

/**
 * Queries of other features whose participant counts come from attendance (activities,
 * sub-events and the Gantt, reports and the dashboard): refetched after attendance changes.
 * Named by their key roots, as features do not import each other.
 */
export const COUNTED_FROM_ATTENDANCE = [['activities'], ['timeline'], ['reports']] as const;
