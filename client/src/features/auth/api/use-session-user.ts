import type { SessionUser } from '@shared/schemas/auth';
import { useUser } from './get-me';

/** The signed-in user, for screens rendered inside the signed-in layout (which waits for it). */
export function useSessionUser(): SessionUser {
  const { data } = useUser();
  if (!data) throw new Error('useSessionUser used outside the signed-in layout');
  return data;
}
