import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import compression from 'compression';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Db } from './db/client';
import { registerActivityRoutes } from './features/activities/activities.router';
import { createActivitiesRepository } from './features/activities/activities.repository';
import { createActivitiesService } from './features/activities/activities.service';
import { registerAuthRoutes } from './features/auth/auth.router';
import { createAuthService } from './features/auth/auth.service';
import { registerCommentRoutes } from './features/comments/comments.router';
import { createCommentsRepository } from './features/comments/comments.repository';
import { createCommentsService } from './features/comments/comments.service';
import { registerHealthRoutes } from './features/health/health.router';
import { registerProjectRoutes } from './features/projects/projects.router';
import { createProjectsRepository } from './features/projects/projects.repository';
import { createProjectsService } from './features/projects/projects.service';
import { registerResultsRoutes } from './features/results/results.router';
import { createResultsRepository } from './features/results/results.repository';
import { createResultsService } from './features/results/results.service';
import { registerUserRoutes } from './features/users/users.router';
import { createUsersRepository } from './features/users/users.repository';
import { createUsersService } from './features/users/users.service';
import { apiNotFound, errorMiddleware } from './http/error-middleware';
import { RateLimiter } from './http/rate-limit';
import { createSessionStore, csrfProtection, type SessionConfig } from './http/session';

export type AppOptions = {
  db: Db;
  /** Production turns on Secure/__Host- cookies and HSTS. */
  production?: boolean;
  /** Folder of the built client; null serves the API only. */
  clientDir?: string | null;
  session?: Partial<Omit<SessionConfig, 'secureCookie'>>;
  /** Failed sign-ins allowed per account and per address in 15 minutes. */
  loginLimits?: { perAccount: number; perIp: number };
};

export const DEFAULT_CLIENT_DIR = resolve(import.meta.dirname, '../../dist/client');
const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Builds the /api router: every feature's routes, in one router the policy test can walk. */
function createApiRouter(options: AppOptions) {
  const { db } = options;
  const sessions = createSessionStore(db, {
    idleMs: options.session?.idleMs ?? 2 * 60 * 60 * 1000,
    absoluteMs: options.session?.absoluteMs ?? 12 * 60 * 60 * 1000,
    secureCookie: options.production ?? false,
  });
  const limits = {
    perAccount: new RateLimiter(options.loginLimits?.perAccount ?? 10, FIFTEEN_MINUTES),
    perIp: new RateLimiter(options.loginLimits?.perIp ?? 50, FIFTEEN_MINUTES),
  };

  const api: Router = express.Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(sessions.middleware());
  api.use(csrfProtection(['/auth/login']));

  registerHealthRoutes(api);
  registerAuthRoutes(api, createAuthService(db, sessions, limits));
  registerUserRoutes(api, createUsersService(db, createUsersRepository(db), sessions));
  registerProjectRoutes(api, createProjectsService(db, createProjectsRepository(db)));
  registerResultsRoutes(api, createResultsService(db, createResultsRepository(db)));
  registerActivityRoutes(api, createActivitiesService(db, createActivitiesRepository(db)));
  registerCommentRoutes(api, createCommentsService(db, createCommentsRepository(db)));

  api.use(apiNotFound);
  return api;
}

export function createApp(options: AppOptions): Express & { locals: { apiRouter: Router } } {
  const production = options.production ?? false;
  const app = express();
  app.disable('x-powered-by');

  app.use((req, res, next) => {
    if (req.method === 'TRACE' || req.method === 'TRACK') {
      res.status(405).json({ error: { code: 'BAD_REQUEST', message: 'Method not allowed' } });
      return;
    }
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(production ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: production ? { maxAge: 63_072_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(compression());

  const api = createApiRouter(options);
  app.locals.apiRouter = api;
  app.use('/api', api);

  const clientDir = options.clientDir === undefined ? DEFAULT_CLIENT_DIR : options.clientDir;
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    // Built assets carry a content hash in their name, so they can be cached for good.
    app.use(
      '/assets',
      express.static(join(clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }),
    );
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Every client-side route loads the app on refresh.
    app.use((req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      res.set('Cache-Control', 'no-cache');
      res.sendFile(join(clientDir, 'index.html'));
    });
  }

  app.use(errorMiddleware);
  return app as Express & { locals: { apiRouter: Router } };
}
