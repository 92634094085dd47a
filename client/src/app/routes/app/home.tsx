import { Navigate } from 'react-router-dom';
import { useSessionUser } from '@/features/auth/api/use-session-user';
import { paths } from '../../paths';
import { RouteErrorBoundary } from '../error-fallback';

/** Where "/" leads: donors land on their dashboard, everyone else on the portfolio. */
export function HomeRoute() {
  const user = useSessionUser();
  return <Navigate to={user.role === 'donor' ? paths.dashboard : paths.projects} replace />;
}

export { HomeRoute as Component, RouteErrorBoundary as ErrorBoundary };
