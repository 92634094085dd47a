import '@/features/attendance/attendance.css';
import '@/features/timeline/timeline.css';
import { hasPermission } from '@shared/permissions';
import type { Activity } from '@shared/schemas/activity';
import { AttendancePanel } from '@/features/attendance/components/attendance-panel';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { useSubEvents } from '@/features/timeline/api/list-sub-events';
import { paths } from '../../../paths';

/** Attendance of the activity and its events: managers record it, everyone sees the counts. */
export function ActivityAttendance({ activity }: { activity: Activity }) {
  const user = useSessionUser();
  const subEvents = useSubEvents(activity.id);
  return (
    <AttendancePanel
      activityId={activity.id}
      projectId={activity.projectId}
      subEvents={(subEvents.data?.items ?? []).map((s) => ({ id: s.id, title: s.title, date: s.date }))}
      canEdit={hasPermission(user.role, 'registry:edit')}
      personHref={(id) => paths.person(activity.projectId, id)}
    />
  );
}
