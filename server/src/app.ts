import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import compression from 'compression';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { todayIso } from '@shared/calc/dates';
import { createAttemptCounters, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './core/attempt-counters';
import { createDatabaseFileStore, createFileStore, uploadsBesideDatabase, type FileStore } from './core/files';
import { createSecretBox, randomSecretKey } from './core/secret-box';
import { hasTotpEnabled, isMfaEnrolmentRequired } from './core/security-settings';
import { sqliteOf, type Db } from './db/client';
import { revisionClock } from './db/revision';
import { registerActivityRoutes } from './features/activities/activities.router';
import { registerAttendanceRoutes } from './features/attendance/attendance.router';
import { createAttendanceRepository } from './features/attendance/attendance.repository';
import { createAttendanceService } from './features/attendance/attendance.service';
import { createActivitiesRepository } from './features/activities/activities.repository';
import { createActivitiesService } from './features/activities/activities.service';
import { registerAuthRoutes } from './features/auth/auth.router';
import { registerBudgetRoutes } from './features/budget/budget.router';
import { createBudgetRepository } from './features/budget/budget.repository';
import { createBudgetService } from './features/budget/budget.service';
import { registerExpenditureRoutes } from './features/expenditures/expenditures.router';
import { createExpendituresRepository } from './features/expenditures/expenditures.repository';
import { createExpendituresService } from './features/expenditures/expenditures.service';
import { registerMilestoneRoutes } from './features/milestones/milestones.router';
import { createMilestonesRepository } from './features/milestones/milestones.repository';
import { createMilestonesService } from './features/milestones/milestones.service';
import { registerTimelineRoutes } from './features/timeline/timeline.router';
import { createTimelineRepository } from './features/timeline/timeline.repository';
import { createTimelineService } from './features/timeline/timeline.service';
import { createAuthService } from './features/auth/auth.service';
import { createMfaChallenges } from './features/auth/mfa-challenges';
import { createSignInGuard } from './features/auth/sign-in-guard';
import { registerCommentRoutes } from './features/comments/comments.router';
import { createCommentsRepository } from './features/comments/comments.repository';
import { createCommentsService } from './features/comments/comments.service';
import { registerHealthRoutes } from './features/health/health.router';
import { createIndicatorValuesService } from './features/indicators/indicator-values.service';
import { createIndicatorViews } from './features/indicators/indicator-views';
import { createIndicatorsRepository } from './features/indicators/indicators.repository';
import { registerIndicatorRoutes } from './features/indicators/indicators.router';
import { createIndicatorsService } from './features/indicators/indicators.service';
import { registerProjectRoutes } from './features/projects/projects.router';
import { createProjectsRepository } from './features/projects/projects.repository';
import { createProjectsService } from './features/projects/projects.service';
import { registerIatiRoutes } from './features/iati/iati.router';
import { createIatiService } from './features/iati/iati.service';
import { registerReportRoutes } from './features/reports/reports.router';
import { createReportsRepository } from './features/reports/reports.repository';
import { createReportsService } from './features/reports/reports.service';
import { registerRegistryRoutes } from './features/registry/registry.router';
import { createRegistryRepository } from './features/registry/registry.repository';
import { createRegistryService } from './features/registry/registry.service';
import { registerResultsRoutes } from './features/results/results.router';
import { createResultsRepository } from './features/results/results.repository';
import { createResultsService } from './features/results/results.service';
import { registerSecurityRoutes } from './features/security/security.router';
import { createSecurityRepository } from './features/security/security.repository';
import { createSecurityService } from './features/security/security.service';
import { registerUserRoutes } from './features/users/users.router';
import { createUsersRepository } from './features/users/users.repository';
import { createUsersService } from './features/users/users.service';
import { apiNotFound, errorMiddleware } from './http/error-middleware';
import { createLogger, requestLogging, type Logger } from './http/logging';
import { createResponseCache, useResponseCache } from './http/response-cache';
import { createSessionStore, csrfProtection, type SessionConfig } from './http/session';

export type AppOptions = {
  db: Db;
  /** Production turns on Secure/__Host- cookies and HSTS. */
  production?: boolean;
  /** Folder of the built client; null serves the API only. */
  clientDir?: string | null;
  session?: Partial<Omit<SessionConfig, 'secureCookie'>>;
  /** Thresholds of sign-in throttling (docs/decisions/014-sign-in-throttling.md); the defaults are production's. */
  signInLimits?: Partial<SignInLimits>;
  /** The clock of sign-in throttling and two-factor challenges; tests move it on instead of waiting. */
  signInClock?: () => number;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), as Express's
   * 'trust proxy' takes it: a number of hops, or addresses, subnets and the names loopback,
   * linklocal, uniquelocal. Unset: no header is believed, the connection's address counts.
   */
  trustProxy?: number | string | string[];
  /**
   * Folder for uploaded evidence files (UPLOADS_PATH). Unset: `uploads` beside the SQLite
   * file, or on PostgreSQL the database itself (decision 017).
   */
  uploadsDir?: string;
  /** Where request and error logs go; index.ts passes one at LOG_LEVEL. None (silent) by default. */
  logger?: Logger;
  /** 32 bytes that seal TOTP secrets and key recovery-code hashes; index.ts loads it. A random one (lost on restart) by default. */
  secretKey?: Buffer;
  /** Bytes the response cache of the hot read routes may hold (RESPONSE_CACHE_MB); 0 turns it off. 32 MB by default. */
  responseCacheBytes?: number;
};

/**
 * Where uploaded files are kept: the folder given; else, on SQLite (one machine), the folder
 * beside its file, which backups copy with it; on PostgreSQL, the database, which every
 * instance reads without a shared disk (decision 017).
 */
function uploadsStoreOf(db: Db, uploadsDir: string | undefined): FileStore {
  if (uploadsDir !== undefined) return createFileStore(uploadsDir);
  const sqlite = sqliteOf(db);
  return sqlite ? createFileStore(uploadsBesideDatabase(sqlite.name)) : createDatabaseFileStore(db);
}

export const DEFAULT_CLIENT_DIR = resolve(import.meta.dirname, '../../dist/client');

/**
 * Builds the /api routers: `front` (session, cached answers) and `api`, every feature's
 * routes in one router the policy test can walk.
 */
function createApiRouter(options: AppOptions) {
  const { db } = options;
  const sessions = createSessionStore(db, {
    idleMs: options.session?.idleMs ?? 2 * 60 * 60 * 1000,
    absoluteMs: options.session?.absoluteMs ?? 12 * 60 * 60 * 1000,
    secureCookie: options.production ?? false,
  });
  // Sign-in state lives in the database, so any instance may take any step of a sign-in.
  const signInClock = options.signInClock ?? Date.now;
  const limits: SignInLimits = { ...DEFAULT_SIGN_IN_LIMITS, ...options.signInLimits };
  const counters = createAttemptCounters(db, signInClock);
  const box = createSecretBox(options.secretKey ?? randomSecretKey());

  // In front of compression: the session, then answers the response cache already holds (stored gzipped).
  const front: Router = express.Router();
  front.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  front.use(sessions.middleware());
  const api: Router = express.Router();
  const cacheBytes = options.responseCacheBytes ?? 32 * 1024 * 1024;
  if (cacheBytes > 0) {
    const cache = createResponseCache({ revision: revisionClock(db), today: () => todayIso(), maxBytes: cacheBytes });
    front.use(cache.serve);
    useResponseCache(api, cache);
  }
  // Sign-in and its second step have no session yet; a reset link's token is its own proof.
  api.use(csrfProtection(['/auth/login', '/auth/login/totp', '/auth/password-reset']));

  const security = createSecurityService(db, createSecurityRepository(db), sessions, box, { counters, free: limits.resetAddressFree });
  registerHealthRoutes(api, db);
  registerAuthRoutes(
    api,
    createAuthService(
      db,
      sessions,
      createSignInGuard(db, counters, limits, box.hash, signInClock),
      {
        isEnrolled: (userId) => hasTotpEnabled(db, userId),
        isEnrolmentRequired: (userId, role) => isMfaEnrolmentRequired(db, userId, role),
        verify: security.verifySecondFactor,
      },
      createMfaChallenges(db, signInClock),
    ),
  );
  registerSecurityRoutes(api, security);
  registerUserRoutes(api, createUsersService(db, createUsersRepository(db), sessions));
  registerProjectRoutes(api, createProjectsService(db, createProjectsRepository(db)));
  const indicatorsRepository = createIndicatorsRepository(db);
  const indicatorViews = createIndicatorViews(indicatorsRepository, () => todayIso());
  const indicators = createIndicatorsService(db, indicatorsRepository, indicatorViews, () => todayIso());
  const uploads = uploadsStoreOf(db, options.uploadsDir);
  registerResultsRoutes(api, createResultsService(db, createResultsRepository(db), indicators.frameworkIndicators));
  const indicatorValues = createIndicatorValuesService(db, indicatorsRepository, indicatorViews, uploads);
  registerIndicatorRoutes(api, indicators, indicatorValues);
  registerActivityRoutes(api, createActivitiesService(db, createActivitiesRepository(db)));
  registerCommentRoutes(api, createCommentsService(db, createCommentsRepository(db)));
  registerTimelineRoutes(api, createTimelineService(db, createTimelineRepository(db)));
  registerMilestoneRoutes(api, createMilestonesService(db, createMilestonesRepository(db)));
  registerBudgetRoutes(api, createBudgetService(db, createBudgetRepository(db)));
  registerExpenditureRoutes(api, createExpendituresService(db, createExpendituresRepository(db), uploads));

  const registry = createRegistryService(db, createRegistryRepository(db));
  registerRegistryRoutes(api, registry);
  registerAttendanceRoutes(
    api,
    createAttendanceService(db, createAttendanceRepository(db), {
      createPerson: registry.createInline,
      recordValue: indicatorValues.record,
    }),
  );

  // Reports read through the other features' services (each checks access); features do not import each other.
  const projectsRead = createProjectsService(db, createProjectsRepository(db));
  const resultsRead = createResultsService(db, createResultsRepository(db), indicators.frameworkIndicators);
  const timelineRead = createTimelineService(db, createTimelineRepository(db));
  const budgetRead = createBudgetService(db, createBudgetRepository(db));
  registerReportRoutes(
    api,
    createReportsService(db, createReportsRepository(db), {
      project: projectsRead.get,
      listProjects: projectsRead.list,
      results: resultsRead.get,
      indicator: indicators.get,
      ragThresholds: (user, projectId) => indicators.ragThresholds(user, projectId),
      timeline: timelineRead.timeline,
      budget: budgetRead.analysis,
    }),
  );
  registerIatiRoutes(api, createIatiService(db));

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
