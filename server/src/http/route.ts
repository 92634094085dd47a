import type { Request, RequestHandler, Response, Router } from 'express';
import { hasPermission } from '@shared/permissions';
import { AppError } from '../core/errors';
import { parseJson, requireMediaType, type BodyKind } from './body';
import { CACHEABLE_ROUTES, MFA_ENROLMENT_ROUTES, ROUTE_POLICY, type Access, type RouteKey } from './policy';
import { responseCacheOf } from './response-cache';
import type { AuthContext } from '../core/auth-user';

export function requireAccess(access: Access, key?: RouteKey): RequestHandler {
  return (req, _res, next) => {
    if (access === 'public') return next();
    if (!req.auth) return next(new AppError('UNAUTHENTICATED', 'Sign in to continue'));
    // Checked before permissions, so a restricted session gets one answer everywhere.
    if (req.auth.mfaEnrolmentRequired && !(key && MFA_ENROLMENT_ROUTES.has(key))) {
      return next(new AppError('MFA_ENROLMENT_REQUIRED', 'Set up two-factor sign-in to continue'));
    }
    if (access !== 'authenticated' && !hasPermission(req.auth.user.role, access)) {
      return next(new AppError('FORBIDDEN', 'You do not have permission to do this'));
    }
    next();
  };
}

/** The signed-in user of a route guarded by the policy table (anything but 'public'). */
export function authOf(req: Request): AuthContext {
  if (!req.auth) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  return req.auth;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Registers a route under the guard the policy table gives it. The key is typed
 * against the table, so a route cannot exist without a policy. The body is checked
 * after the guard, so nobody without access gets as far as having a body parsed.
 * JSON is the default; a route that takes uploads says so and parses its own body.
 * Routes the policy marks cacheable answer through the router's response cache, if it has one.
 */
export function route(
  router: Router,
  key: RouteKey,
  handler: (req: Request, res: Response) => Promise<void> | void,
  options: { body?: BodyKind } = {},
): void {
  const [method, path] = key.split(' ') as [string, string];
  const body = options.body ?? 'json';
  // A GET's body is never read, so it is not parsed either.
  const parsers = method === 'GET' ? [] : body === 'json' ? [requireMediaType('json'), parseJson] : [requireMediaType(body)];
  // The answer is kept only after the guard let the user through (see ResponseCache.serve).
  const cache = CACHEABLE_ROUTES.has(key) ? responseCacheOf(router) : undefined;
  const cached = cache ? [cache.fill] : [];
  router[method.toLowerCase() as Method](path, requireAccess(ROUTE_POLICY[key], key), ...cached, ...parsers, handler);
}
