import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import compression from 'compression';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { todayIso } from '@shared/calc/dates';
import type { Db } from './db/client';
import { revisionClock } from './db/revision';
import { registerActivityRoutes } from './features/activities/activities.router';
import { registerAttendanceRoutes } from './features/attendance/attendance.router';
import { registerAuthRoutes } from './features/auth/auth.router';
import { registerBudgetRoutes } from './features/budget/budget.router';
import { registerCommentRoutes } from './features/comments/comments.router';
import { registerExpenditureRoutes } from './features/expenditures/expenditures.router';
import { registerHealthRoutes } from './features/health/health.router';
import { registerIatiRoutes } from './features/iati/iati.router';
import { registerIndicatorRoutes } from './features/indicators/indicators.router';
import { registerMilestoneRoutes } from './features/milestones/milestones.router';
import { registerProjectRoutes } from './features/projects/projects.router';
import { registerRegistryRoutes } from './features/registry/registry.router';
import { registerReportRoutes } from './features/reports/reports.router';
import { registerResultsRoutes } from './features/results/results.router';
import { registerSecurityRoutes } from './features/security/security.router';
import { registerTimelineRoutes } from './features/timeline/timeline.router';
import { registerUserRoutes } from './features/users/users.router';
import { apiNotFound, errorMiddleware } from './http/error-middleware';
import { createLogger, requestLogging, type Logger } from './http/logging';
import { createResponseCache, useResponseCache } from './http/response-cache';
import { csrfProtection } from './http/session';
import { createServices, type ServicesOptions } from './services';

/** What the services take (sessions, sign-in, uploads, secret key) and what the web edge adds. */
export type AppOptions = ServicesOptions & {
  db: Db;
  /** Production turns on Secure/__Host- cookies and HSTS. */
  production?: boolean;
  /** Folder of the built client; null serves the API only. */
  clientDir?: string | null;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), as Express's
   * 'trust proxy' takes it: a number of hops, or addresses, subnets and the names loopback,
   * linklocal, uniquelocal. Unset: no header is believed, the connection's address counts.
   */
  trustProxy?: number | string | string[];
  /** Where request and error logs go; index.ts passes one at LOG_LEVEL. None (silent) by default. */
  logger?: Logger;
  /** Bytes the response cache of the hot read routes may hold (RESPONSE_CACHE_MB); 0 turns it off. 32 MB by default. */
  responseCacheBytes?: number;
};

export const DEFAULT_CLIENT_DIR = resolve(import.meta.dirname, '../../dist/client');

/**
 * Builds the /api routers: `front` (session, cached answers) and `api`, every feature's
 * routes in one router the policy test can walk.
 */
function createApiRouter(options: AppOptions) {
  const { db } = options;
  const services = createServices(db, options);

  // In front of compression: the session, then answers the response cache already holds (stored gzipped).
  const front: Router = express.Router();
  front.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  front.use(services.sessions.middleware());
  const api: Router = express.Router();
  const cacheBytes = options.responseCacheBytes ?? 32 * 1024 * 1024;
  if (cacheBytes > 0) {
    const cache = createResponseCache({ revision: revisionClock(db), today: () => todayIso(), maxBytes: cacheBytes });
    front.use(cache.serve);
    useResponseCache(api, cache);
  }
  // Sign-in and its second step have no session yet; a reset link's token is its own proof.
  api.use(csrfProtection(['/auth/login', '/auth/login/totp', '/auth/password-reset']));

  registerHealthRoutes(api, db);
  registerAuthRoutes(api, services.auth);
  registerSecurityRoutes(api, services.security);
  registerUserRoutes(api, services.users);
  registerProjectRoutes(api, services.projects);
  registerResultsRoutes(api, services.results);
  registerIndicatorRoutes(api, services.indicators, services.indicatorValues);
  registerActivityRoutes(api, services.activities);
  registerCommentRoutes(api, services.comments);
  registerTimelineRoutes(api, services.timeline);
  registerMilestoneRoutes(api, services.milestones);
  registerBudgetRoutes(api, services.budget);
  registerExpenditureRoutes(api, services.expenditures);
  registerRegistryRoutes(api, services.registry);
  registerAttendanceRoutes(api, services.attendance);
  registerReportRoutes(api, services.reports);
  registerIatiRoutes(api, services.iati);

  api.use(apiNotFound);
  return { front, api };
}

export function createApp(options: AppOptions): Express & { locals: { apiRouter: Router } } {
  const production = options.production ?? false;
  const app = express();
  app.disable('x-powered-by');
  // Off unless configured: a client could otherwise name any address it likes in X-Forwarded-For.
  app.set('trust proxy', options.trustProxy ?? false);

  app.use(requestLogging(options.logger ?? createLogger({ level: 'silent' })));
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
  const { front, api } = createApiRouter(options);
  app.use('/api', front);
  app.use(compression());
  app.locals.apiRouter = api;
  app.use('/api', api);

  const clientDir = options.clientDir === undefined ? DEFAULT_CLIENT_DIR : options.clientDir;
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    // Built assets carry a content hash in their name, so they can be cached for good.
    app.use('/assets', express.static(join(clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }));
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
