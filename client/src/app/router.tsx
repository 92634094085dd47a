import { createBrowserRouter, type RouteObject } from 'react-router-dom';
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
    path: paths.resetPassword,
    lazy: () => import('./routes/auth/reset-password'),
    HydrateFallback: PageLoading,
  },
  {
    path: '/',
    lazy: () => import('./routes/app/root'),
    HydrateFallback: PageLoading,
    children: [
      { index: true, lazy: () => import('./routes/app/home') },
      { path: 'projects', lazy: () => import('./routes/app/projects/portfolio') },
      { path: 'projects/new', lazy: () => import('./routes/app/projects/new-project') },
      { path: 'projects/:projectId', lazy: () => import('./routes/app/projects/project-overview') },
      { path: 'projects/:projectId/edit', lazy: () => import('./routes/app/projects/edit-project') },
      { path: 'projects/:projectId/results', lazy: () => import('./routes/app/projects/project-results') },
      { path: 'projects/:projectId/timeline', lazy: () => import('./routes/app/projects/project-timeline') },
      { path: 'projects/:projectId/budget', lazy: () => import('./routes/app/projects/project-budget') },
      { path: 'projects/:projectId/data-entry', lazy: () => import('./routes/app/projects/project-data-entry') },
      { path: 'projects/:projectId/monitoring', lazy: () => import('./routes/app/projects/project-monitoring') },
      { path: 'indicators/:indicatorId', lazy: () => import('./routes/app/indicators/indicator') },
      { path: 'projects/:projectId/registry', lazy: () => import('./routes/app/registry/registry') },
      { path: 'projects/:projectId/registry/summary', lazy: () => import('./routes/app/registry/registry-summary') },
      { path: 'projects/:projectId/registry/import', lazy: () => import('./routes/app/registry/registry-import') },
      { path: 'projects/:projectId/registry/people/new', lazy: () => import('./routes/app/registry/new-person') },
      { path: 'projects/:projectId/registry/people/:personId', lazy: () => import('./routes/app/registry/person') },
      { path: 'projects/:projectId/registry/organisations/:organisationId', lazy: () => import('./routes/app/registry/organisation') },
      { path: 'activities/:activityId', lazy: () => import('./routes/app/activities/activity') },
      { path: 'projects/:projectId/reports', lazy: () => import('./routes/app/reports/project-reports') },
      { path: 'reports/:reportId', lazy: () => import('./routes/app/reports/report') },
      { path: 'reports/:reportId/compare', lazy: () => import('./routes/app/reports/report-compare') },
      { path: 'dashboard', lazy: () => import('./routes/app/reports/dashboard') },
      { path: 'iati/import', lazy: () => import('./routes/app/reports/iati-import') },
      { path: 'admin/users', lazy: () => import('./routes/app/admin/users') },
      { path: 'security', lazy: () => import('./routes/app/security') },
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
  { path: '*', lazy: () => import('./routes/not-found'), ErrorBoundary: RouteErrorBoundary },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
