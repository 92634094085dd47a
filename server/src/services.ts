import { todayIso } from '@shared/calc/dates';
import { createAttemptCounters, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './core/attempt-counters';
import { createDatabaseFileStore, createFileStore, uploadsBesideDatabase, type FileStore } from './core/files';
import { createSecretBox, randomSecretKey } from './core/secret-box';
import { hasTotpEnabled, isMfaEnrolmentRequired } from './core/security-settings';
import { sqliteOf, type Db } from './db/client';
import { createActivitiesRepository } from './features/activities/activities.repository';
import { createActivitiesService } from './features/activities/activities.service';
import { createAttendanceRepository } from './features/attendance/attendance.repository';
import { createAttendanceService } from './features/attendance/attendance.service';
import { createAuthService } from './features/auth/auth.service';
import { createMfaChallenges } from './features/auth/mfa-challenges';
import { createSignInGuard } from './features/auth/sign-in-guard';
import { createBudgetRepository } from './features/budget/budget.repository';
import { createBudgetService } from './features/budget/budget.service';
import { createCommentsRepository } from './features/comments/comments.repository';
import { createCommentsService } from './features/comments/comments.service';
import { createExpendituresRepository } from './features/expenditures/expenditures.repository';
import { createExpendituresService } from './features/expenditures/expenditures.service';
import { createIatiService } from './features/iati/iati.service';
import { createIndicatorValuesService } from './features/indicators/indicator-values.service';
import { createIndicatorViews } from './features/indicators/indicator-views';
import { createIndicatorsRepository } from './features/indicators/indicators.repository';
import { createIndicatorsService } from './features/indicators/indicators.service';
import { createMilestonesRepository } from './features/milestones/milestones.repository';
import { createMilestonesService } from './features/milestones/milestones.service';
import { createProjectsRepository } from './features/projects/projects.repository';
import { createProjectsService } from './features/projects/projects.service';
import { createRegistryRepository } from './features/registry/registry.repository';
import { createRegistryService } from './features/registry/registry.service';
import { createReportsRepository } from './features/reports/reports.repository';
import { createReportsService } from './features/reports/reports.service';
import { createResultsRepository } from './features/results/results.repository';
import { createResultsService } from './features/results/results.service';
import { createSecurityRepository } from './features/security/security.repository';
import { createSecurityService } from './features/security/security.service';
import { createTimelineRepository } from './features/timeline/timeline.repository';
import { createTimelineService } from './features/timeline/timeline.service';
import { createUsersRepository } from './features/users/users.repository';
import { createUsersService } from './features/users/users.service';
import { createSessionStore, type SessionConfig } from './http/session';

export type ServicesOptions = {
  /** Production's sessions use Secure/__Host- cookies. */
  production?: boolean;
  session?: Partial<Omit<SessionConfig, 'secureCookie'>>;
  /** Thresholds of sign-in throttling (docs/decisions/014-sign-in-throttling.md); the defaults are production's. */
  signInLimits?: Partial<SignInLimits>;
  /** The clock of sign-in throttling and two-factor challenges; tests move it on instead of waiting. */
  signInClock?: () => number;
  /**
   * Folder for uploaded evidence files (UPLOADS_PATH). Unset: `uploads` beside the SQLite file, or on
   * PostgreSQL the database itself (decision 017).
   */
  uploadsDir?: string;
  /** 32 bytes that seal TOTP secrets and key recovery-code hashes; index.ts loads it. A random one (lost on restart) by default. */
  secretKey?: Buffer;
};

/**
 * Where uploaded files are kept: the folder given; else, on SQLite (one machine), the folder
 * beside its file, which backups copy with it; on PostgreSQL, the database, which every
 * instance reads without a shared disk (decision 017).
 */
export function uploadsStoreOf(db: Db, uploadsDir: string | undefined): FileStore {
  if (uploadsDir !== undefined) return createFileStore(uploadsDir);
  const sqlite = sqliteOf(db);
  return sqlite ? createFileStore(uploadsBesideDatabase(sqlite.name)) : createDatabaseFileStore(db);
}

/**
 * Builds every service once, each on its repository, for the app, the demo seed and the
 * scripts alike, so that they share one wiring. Services that read another feature's
 * records get that feature's service here (features do not import each other).
 */
export function createServices(db: Db, options: ServicesOptions = {}) {
  const today = () => todayIso();
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
  const uploads = uploadsStoreOf(db, options.uploadsDir);

  const security = createSecurityService(db, createSecurityRepository(db), sessions, box, { counters, free: limits.resetAddressFree });
  const auth = createAuthService(
    db,
    sessions,
    createSignInGuard(db, counters, limits, box.hash, signInClock),
    {
      isEnrolled: (userId) => hasTotpEnabled(db, userId),
      isEnrolmentRequired: (userId, role) => isMfaEnrolmentRequired(db, userId, role),
      verify: security.verifySecondFactor,
    },
    createMfaChallenges(db, signInClock),
  );
  const users = createUsersService(db, createUsersRepository(db), sessions);
  const projects = createProjectsService(db, createProjectsRepository(db));
  const indicatorsRepository = createIndicatorsRepository(db);
  const indicatorViews = createIndicatorViews(indicatorsRepository, today);
  const indicators = createIndicatorsService(db, indicatorsRepository, indicatorViews, today);
  const indicatorValues = createIndicatorValuesService(db, indicatorsRepository, indicatorViews, uploads);
  const results = createResultsService(db, createResultsRepository(db), indicators.frameworkIndicators);
  const activities = createActivitiesService(db, createActivitiesRepository(db));
  const comments = createCommentsService(db, createCommentsRepository(db));
  const timeline = createTimelineService(db, createTimelineRepository(db));
  const milestones = createMilestonesService(db, createMilestonesRepository(db));
  const budget = createBudgetService(db, createBudgetRepository(db));
  const expenditures = createExpendituresService(db, createExpendituresRepository(db), uploads);
  const registry = createRegistryService(db, createRegistryRepository(db));
  const attendance = createAttendanceService(db, createAttendanceRepository(db), {
    createPerson: registry.createInline,
    recordValue: indicatorValues.record,
  });
  // Reports read through the other features' services, each of which checks access.
  const reportSources = {
    project: projects.get,
    results: results.get,
    indicator: indicators.get,
    ragThresholds: indicators.ragThresholds,
    timeline: timeline.timeline,
    budget: budget.analysis,
  };
  const reports = createReportsService(db, createReportsRepository(db), { ...reportSources, listProjects: projects.list });
  const iati = createIatiService(db);

  return {
    sessions,
    security,
    auth,
    users,
    projects,
    indicators,
    indicatorValues,
    results,
    activities,
    comments,
    timeline,
    milestones,
    budget,
    expenditures,
    registry,
    attendance,
    reports,
    reportSources,
    iati,
  };
}
export type Services = ReturnType<typeof createServices>;
