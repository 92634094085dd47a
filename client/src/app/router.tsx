import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import { paths } from './paths';
import { RouteErrorBoundary } from './routes/error-fallback';
import { PageLoading } from './routes/page-loading';

/** Every page is its own chunk, loaded when first visited. */
export const routes: RouteObject[] = [
  {
    path: paths.login,
    lazy: () => import('./routes/auth/login'),
    HydrateFallback: PageLoading,
  },
  {
    path: '/',
    lazy: () => import('./routes/app/root'),
    HydrateFallback: PageLoading,
    children: [
      { index: true, element: <Navigate to={paths.projects} replace /> },
      { path: 'projects', lazy: () => import('./routes/app/projects/portfolio') },
      { path: 'projects/new', lazy: () => import('./routes/app/projects/new-project') },
      { path: 'projects/:projectId', lazy: () => import('./routes/app/projects/project-overview') },
      { path: 'projects/:projectId/edit', lazy: () => import('./routes/app/projects/edit-project') },
      { path: 'projects/:projectId/results', lazy: () => import('./routes/app/projects/project-results') },
      { path: 'activities/:activityId', lazy: () => import('./routes/app/activities/activity') },
      { path: 'admin/users', lazy: () => import('./routes/app/admin/users') },
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
  { path: '*', lazy: () => import('./routes/not-found'), ErrorBoundary: RouteErrorBoundary },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
