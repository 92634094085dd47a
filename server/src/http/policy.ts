import type { Permission } from '@shared/permissions';

/** Who may call a route: anyone, any signed-in user, or holders of a permission. */
export type Access = 'public' | 'authenticated' | Permission;

/**
 * The one policy table: every API route (method and path under /api) and who may call
 * it. Routes are registered through `route()`, which takes its guard from here, and a
 * test walks the router and fails on any route missing from this table or any entry
 * with no route. Project membership is checked again in the services (404 for
 * non-members), since a permission says what a role may do, not where.
 */
export const ROUTE_POLICY = {
  'GET /health': 'public',
  'POST /auth/login': 'public',
  'GET /auth/me': 'authenticated',
  'POST /auth/logout': 'authenticated',
  'PATCH /auth/preferences': 'authenticated',
  'POST /auth/password': 'authenticated',

  'GET /projects': 'project:read',
  'POST /projects': 'project:create',
  'GET /projects/:id': 'project:read',
  'PATCH /projects/:id': 'project:update',

  'GET /projects/:id/results': 'project:read',
  'POST /projects/:id/outcomes': 'results:edit',
  'PATCH /outcomes/:id': 'results:edit',
  'DELETE /outcomes/:id': 'results:edit',
  'POST /outcomes/:id/outputs': 'results:edit',
  'PATCH /outputs/:id': 'results:edit',
  'DELETE /outputs/:id': 'results:edit',

  'GET /projects/:id/activities': 'project:read',
  'POST /projects/:id/activities': 'activity:edit',
  'GET /activities/:id': 'project:read',
  'PATCH /activities/:id': 'activity:edit',
  'DELETE /activities/:id': 'activity:edit',
  'GET /activities/:id/history': 'project:read',
  'GET /activities/:id/comments': 'project:read',
  'POST /activities/:id/comments': 'comment:create',

  'GET /users': 'users:manage',
  'POST /users': 'users:manage',
  'GET /users/:id': 'users:manage',
  'PATCH /users/:id': 'users:manage',
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTE_POLICY;
