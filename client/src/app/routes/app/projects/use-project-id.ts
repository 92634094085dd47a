import { useParams } from 'react-router-dom';
import { IdSchema } from '@shared/schemas/common';

/** The numeric id from the URL, or null when the URL does not hold one (a 404). */
export function useIdParam(name: 'projectId' | 'activityId' | 'indicatorId' | 'reportId'): number | null {
  const params = useParams();
  const parsed = IdSchema.safeParse(params[name] ?? '');
  return parsed.success ? parsed.data : null;
}
