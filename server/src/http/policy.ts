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

  // Security depth (issue 8): two-factor sign-in, password-reset links, sessions, security settings.
  'POST /auth/login/totp': 'public',
  'POST /auth/password-reset': 'public',
  'GET /auth/totp': 'authenticated',
  'POST /auth/totp/setup': 'authenticated',
  'POST /auth/totp/enable': 'authenticated',
  'POST /auth/totp/disable': 'authenticated',
  'GET /auth/sessions': 'authenticated',
  // Own sessions, or anyone's for holders of users:manage (checked in the service; 404 otherwise).
  'DELETE /sessions/:id': 'authenticated',
  'GET /users/:id/sessions': 'users:manage',
  'POST /users/:id/password-reset': 'users:manage',
  'DELETE /users/:id/totp': 'users:manage',
  'GET /settings/security': 'users:manage',
  'PATCH /settings/security': 'users:manage',

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

  'GET /projects/:id/indicators': 'project:read',
  'POST /projects/:id/indicators': 'indicator:edit',
  'GET /indicators/:id': 'project:read',
  'PATCH /indicators/:id': 'indicator:edit',
  'DELETE /indicators/:id': 'indicator:edit',
  'GET /indicators/:id/periods': 'project:read',
  'POST /indicators/:id/periods': 'indicator:edit',
  'PATCH /periods/:id': 'indicator:edit',
  'DELETE /periods/:id': 'indicator:edit',
  'POST /periods/:id/unlock': 'period:unlock',
  'POST /periods/:id/values': 'indicator:edit',
  'PATCH /values/:id': 'indicator:edit',
  'DELETE /values/:id': 'indicator:edit',
  'POST /values/:id/submit': 'indicator:edit',
  'POST /values/:id/approve': 'value:approve',
  'POST /values/:id/return': 'value:approve',
  'POST /values/:id/evidence': 'indicator:edit',
  'GET /evidence/:id': 'project:read',
  'DELETE /evidence/:id': 'indicator:edit',
  'GET /projects/:id/me-overview': 'value:view_unapproved',
  'GET /projects/:id/rag-thresholds': 'project:read',
  'PATCH /projects/:id/rag-thresholds': 'project:update',

  'GET /projects/:id/activities': 'project:read',
  'POST /projects/:id/activities': 'activity:edit',
  'GET /activities/:id': 'project:read',
  'PATCH /activities/:id': 'activity:edit',
  'DELETE /activities/:id': 'activity:edit',
  'GET /activities/:id/history': 'project:read',
  'GET /activities/:id/comments': 'project:read',
  'POST /activities/:id/comments': 'comment:create',

  'GET /projects/:id/timeline': 'project:read',
  'GET /projects/:id/dependencies': 'project:read',
  'POST /projects/:id/dependencies': 'activity:edit',
  'DELETE /dependencies/:id': 'activity:edit',
  'GET /activities/:id/dependencies': 'project:read',
  'GET /projects/:id/milestones': 'project:read',
  'POST /projects/:id/milestones': 'activity:edit',
  'PATCH /milestones/:id': 'activity:edit',
  'DELETE /milestones/:id': 'activity:edit',
  'GET /activities/:id/sub-events': 'project:read',
  'POST /activities/:id/sub-events': 'activity:edit',
  'PATCH /sub-events/:id': 'activity:edit',
  'DELETE /sub-events/:id': 'activity:edit',

  'GET /projects/:id/budget': 'project:read',
  'GET /projects/:id/health': 'project:read',
  'PATCH /projects/:id/budget-settings': 'budget:edit',
  'GET /projects/:id/budget-lines': 'project:read',
  'POST /projects/:id/budget-lines': 'budget:edit',
  'PATCH /budget-lines/:id': 'budget:edit',
  'DELETE /budget-lines/:id': 'budget:edit',
  'GET /budget-lines/:id/revisions': 'project:read',
  'GET /projects/:id/expenditures': 'project:read',
  'POST /projects/:id/expenditures': 'budget:edit',
  'POST /projects/:id/expenditures/import': 'budget:edit',
  'PATCH /expenditures/:id': 'budget:edit',
  'DELETE /expenditures/:id': 'budget:edit',
  'POST /expenditures/:id/evidence': 'budget:edit',
  'GET /expenditure-evidence/:id': 'project:read',
  'DELETE /expenditure-evidence/:id': 'budget:edit',

  // Diaspora registry (issue 6): people routes are personal data (admins and managers only);
  // organisations are readable by members with contact fields redacted; the summary is aggregates.
  'GET /registry/people': 'registry:read-personal',
  'POST /registry/people': 'registry:edit',
  'POST /registry/people/search': 'registry:read-personal',
  'POST /registry/people/duplicates': 'registry:edit',
  'GET /registry/people/contacts.csv': 'registry:read-personal',
  'GET /registry/people/:id': 'registry:read-personal',
  'PATCH /registry/people/:id': 'registry:edit',
  'DELETE /registry/people/:id': 'registry:edit',
  'GET /registry/people/:id/export': 'registry:read-personal',
  'POST /registry/people/:id/erase': 'registry:edit',
  'GET /registry/people/:id/consents': 'registry:read-personal',
  'POST /registry/people/:id/consents': 'registry:edit',
  'POST /registry/people/:id/consent/withdraw': 'registry:edit',
  'GET /registry/organisations': 'project:read',
  'POST /registry/organisations': 'registry:edit',
  'GET /registry/organisations/:id': 'project:read',
  'PATCH /registry/organisations/:id': 'registry:edit',
  'DELETE /registry/organisations/:id': 'registry:edit',
  'POST /registry/organisations/:id/engagements': 'registry:edit',
  'POST /registry/import': 'registry:edit',
  'GET /registry/summary': 'project:read',
  'GET /activities/:id/attendance': 'project:read',
  'POST /activities/:id/attendance': 'registry:edit',
  'POST /activities/:id/attendance/import': 'registry:edit',
  'DELETE /attendance/:id': 'registry:edit',
  'GET /projects/:id/attendance/engagement': 'project:read',
  'POST /indicators/:id/periods/:periodId/propose-from-attendance': 'indicator:edit',

  // Period reports, downloads, donor dashboard and IATI exchange (issue 5). Drafts are seen by report editors only.
  'GET /projects/:id/reports': 'project:read',
  'POST /projects/:id/reports': 'report:edit',
  'GET /reports/:id': 'project:read',
  'PATCH /reports/:id': 'report:edit',
  'DELETE /reports/:id': 'report:edit',
  'POST /reports/:id/submit': 'report:edit',
  'POST /reports/:id/accept': 'report:review',
  'POST /reports/:id/return': 'report:review',
  'GET /reports/:id/compare': 'project:read',
  'GET /reports/:id/export.pdf': 'project:read',
  'GET /reports/:id/export.xlsx': 'project:read',
  'GET /reports/:id/export.csv': 'project:read',
  'GET /projects/:id/export.pdf': 'project:read',
  'GET /projects/:id/export.xlsx': 'project:read',
  'GET /projects/:id/export.csv': 'project:read',
  'GET /dashboard': 'project:read',
  'GET /projects/:id/iati.xml': 'project:read',
  'GET /iati.xml': 'project:read',
  'POST /iati/import': 'iati:import',

  'GET /users': 'users:manage',
  'POST /users': 'users:manage',
  'GET /users/:id': 'users:manage',
  'PATCH /users/:id': 'users:manage',
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTE_POLICY;

/**
 * What a session may still call while two-factor sign-in is required of its user and not
 * set up: reading itself, its language, the set-up, and signing out. Everything else that
 * needs a session answers 403 MFA_ENROLMENT_REQUIRED.
 */
export const MFA_ENROLMENT_ROUTES: ReadonlySet<RouteKey> = new Set<RouteKey>([
  'GET /auth/me',
  'POST /auth/logout',
  'PATCH /auth/preferences',
  'GET /auth/totp',
  'POST /auth/totp/setup',
  'POST /auth/totp/enable',
]);

/**
 * Read routes whose answers may be kept in the response cache (http/response-cache.ts):
 * JSON views of project data that read nothing but the database, the user and the day.
 * Never a route that shows personal data (those log each view and must run each time),
 * an export or file download, or anything about sessions and accounts; a test holds
 * this list to that.
 */
export const CACHEABLE_ROUTES: ReadonlySet<RouteKey> = new Set<RouteKey>([
  'GET /projects',
  'GET /projects/:id',
  'GET /projects/:id/results',
  'GET /projects/:id/indicators',
  'GET /indicators/:id',
  'GET /indicators/:id/periods',
  'GET /projects/:id/me-overview',
  'GET /projects/:id/rag-thresholds',
  'GET /projects/:id/activities',
  'GET /activities/:id',
  'GET /activities/:id/history',
  'GET /activities/:id/comments',
  'GET /projects/:id/timeline',
  'GET /projects/:id/dependencies',
  'GET /activities/:id/dependencies',
  'GET /projects/:id/milestones',
  'GET /activities/:id/sub-events',
  'GET /projects/:id/budget',
  'GET /projects/:id/health',
  'GET /projects/:id/budget-lines',
  'GET /budget-lines/:id/revisions',
  'GET /projects/:id/expenditures',
  'GET /registry/summary',
  'GET /projects/:id/attendance/engagement',
  'GET /projects/:id/reports',
  'GET /reports/:id',
  'GET /reports/:id/compare',
  'GET /dashboard',
]);
