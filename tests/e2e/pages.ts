import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '@shared/enums';
import type { Locale } from '@shared/locales';
import { hasPermission, type Permission } from '@shared/permissions';
import { paths } from '../../client/src/app/paths';
import type { Db } from '../../server/src/db/client';
import { activities, indicators, projects, registryOrganisations, registryPeople, reports } from '../../server/src/db/schema';
import { DEMO_PASSWORD } from './harness';

export type Viewer = Role | 'anonymous';
export const ROLES_SIGNED_IN: readonly Role[] = ['admin', 'manager', 'partner', 'donor'];

/** Records of the demo seed the pages are opened with. */
export type DemoIds = { projectId: number; activityId: number; indicatorId: number; personId: number; organisationId: number; reportId: number };

export function findDemoIds(db: Db): DemoIds {
  const project = db.select({ id: projects.id }).from(projects).where(eq(projects.code, 'CE.0219')).get();
  if (!project) throw new Error('The demo seed has no CE.0219');
  const activity = db.select({ id: activities.id }).from(activities).where(eq(activities.projectId, project.id)).orderBy(asc(activities.id)).get();
  const indicator = db.select({ id: indicators.id }).from(indicators).where(eq(indicators.projectId, project.id)).orderBy(asc(indicators.id)).get();
  const person = db
    .select({ id: registryPeople.id })
    .from(registryPeople)
    .where(eq(registryPeople.projectId, project.id))
    .orderBy(asc(registryPeople.id))
    .get();
  const organisation = db
    .select({ id: registryOrganisations.id })
    .from(registryOrganisations)
    .where(eq(registryOrganisations.projectId, project.id))
    .orderBy(asc(registryOrganisations.id))
    .get();
  const report = db.select({ id: reports.id }).from(reports).where(eq(reports.projectId, project.id)).orderBy(asc(reports.id)).get();
  if (!activity || !indicator || !person || !organisation || !report)
    throw new Error('CE.0219 lacks an activity, indicator, person, organisation or report in the demo seed');
  return {
    projectId: project.id,
    activityId: activity.id,
    indicatorId: indicator.id,
    personId: person.id,
    organisationId: organisation.id,
    reportId: report.id,
  };
}

export type MainPage = {
  /** The route as written in client/src/app/router.tsx (children without the leading slash). */
  route: string;
  name: string;
  url: (ids: DemoIds) => string;
  viewers: readonly Viewer[];
  /** Pages a donor receives on paper. */
  printed?: boolean;
};

const signedInWith = (permission: Permission): Role[] => ROLES_SIGNED_IN.filter((r) => hasPermission(r, permission));

/**
 * Every page of the app and who sees it. Adding a route to the router means adding it
 * here (a test compares the two), so it is checked for accessibility, phones and language.
 */
export const MAIN_PAGES: readonly MainPage[] = [
  { route: paths.login, name: 'login', url: () => paths.login, viewers: ['anonymous'] },
  { route: 'projects', name: 'portfolio', url: () => paths.projects, viewers: ROLES_SIGNED_IN },
  { route: 'projects/:projectId', name: 'project-overview', url: (ids) => paths.project(ids.projectId), viewers: ROLES_SIGNED_IN, printed: true },
  {
    route: 'projects/:projectId/results',
    name: 'results-framework',
    url: (ids) => paths.results(ids.projectId),
    viewers: ROLES_SIGNED_IN,
    printed: true,
  },
  { route: 'activities/:activityId', name: 'activity', url: (ids) => paths.activity(ids.activityId), viewers: ROLES_SIGNED_IN },
  { route: 'indicators/:indicatorId', name: 'indicator', url: (ids) => paths.indicator(ids.indicatorId), viewers: ROLES_SIGNED_IN },
  { route: 'projects/:projectId/timeline', name: 'timeline', url: (ids) => paths.timeline(ids.projectId), viewers: ROLES_SIGNED_IN, printed: true },
  { route: 'projects/:projectId/budget', name: 'budget', url: (ids) => paths.budget(ids.projectId), viewers: ROLES_SIGNED_IN, printed: true },
  {
    route: 'projects/:projectId/data-entry',
    name: 'data-entry',
    url: (ids) => paths.dataEntry(ids.projectId),
    viewers: signedInWith('value:view_unapproved'),
  },
  {
    route: 'projects/:projectId/monitoring',
    name: 'monitoring',
    url: (ids) => paths.monitoring(ids.projectId),
    viewers: signedInWith('value:view_unapproved'),
  },
  { route: 'projects/new', name: 'new-project', url: () => paths.newProject, viewers: signedInWith('project:create') },
  {
    route: 'projects/:projectId/edit',
    name: 'edit-project',
    url: (ids) => paths.editProject(ids.projectId),
    viewers: signedInWith('project:update'),
  },
  { route: 'admin/users', name: 'admin-users', url: () => paths.users, viewers: signedInWith('users:manage') },
  {
    route: 'projects/:projectId/registry',
    name: 'registry',
    url: (ids) => paths.registry(ids.projectId),
    viewers: signedInWith('registry:read-personal'),
  },
  {
    route: 'projects/:projectId/registry/summary',
    name: 'registry-summary',
    url: (ids) => paths.registrySummary(ids.projectId),
    viewers: ROLES_SIGNED_IN,
  },
  {
    route: 'projects/:projectId/registry/import',
    name: 'registry-import',
    url: (ids) => paths.registryImport(ids.projectId),
    viewers: signedInWith('registry:edit'),
  },
  {
    route: 'projects/:projectId/registry/people/new',
    name: 'registry-new-person',
    url: (ids) => paths.newPerson(ids.projectId),
    viewers: signedInWith('registry:edit'),
  },
  {
    route: 'projects/:projectId/registry/people/:personId',
    name: 'registry-person',
    url: (ids) => paths.person(ids.projectId, ids.personId),
    viewers: signedInWith('registry:read-personal'),
  },
  {
    route: 'projects/:projectId/registry/organisations/:organisationId',
    name: 'registry-organisation',
    url: (ids) => paths.organisation(ids.projectId, ids.organisationId),
    viewers: signedInWith('registry:read-personal'),
  },
  { route: 'projects/:projectId/reports', name: 'reports', url: (ids) => paths.reports(ids.projectId), viewers: ROLES_SIGNED_IN },
  { route: 'reports/:reportId', name: 'report', url: (ids) => paths.report(ids.reportId), viewers: ROLES_SIGNED_IN, printed: true },
  { route: 'reports/:reportId/compare', name: 'report-compare', url: (ids) => paths.reportCompare(ids.reportId), viewers: ROLES_SIGNED_IN },
  { route: 'dashboard', name: 'dashboard', url: () => paths.dashboard, viewers: ROLES_SIGNED_IN },
  { route: 'iati/import', name: 'iati-import', url: () => paths.iatiImport, viewers: signedInWith('iati:import') },
  { route: 'security', name: 'security', url: () => paths.security, viewers: ROLES_SIGNED_IN },
  { route: paths.resetPassword, name: 'reset-password', url: () => paths.resetPassword, viewers: ['anonymous'] },
];

/** Routes that are not pages of their own. */
export const NOT_PAGES: Record<string, string> = {
  '/': 'the signed-in shell around every page',
  '*': 'the not-found page',
};

/** Every path the router declares (children without their leading slash). */
export function routerRoutes(): string[] {
  const source = readFileSync(resolve(import.meta.dirname, '../../client/src/app/router.tsx'), 'utf8');
  const found: string[] = [];
  for (const m of source.matchAll(/path:\s*(?:'([^']*)'|paths\.(\w+))/g)) {
    const value = m[1] ?? (paths as Record<string, unknown>)[m[2]!];
    if (typeof value === 'string') found.push(value);
  }
  return found;
}

export function pagesFor(viewer: Viewer): MainPage[] {
  return MAIN_PAGES.filter((p) => p.viewers.includes(viewer));
}

export const EMAILS: Record<Role, string> = {
  admin: 'admin@example.org',
  manager: 'manager@example.org',
  partner: 'partner@example.org',
  donor: 'donor@example.org',
};

/** Signs in through the API (fast, language-independent) and saves the language choice on the account. */
export async function signInAs(context: BrowserContext, baseUrl: string, role: Role, locale: Locale = 'en'): Promise<void> {
  const login = await context.request.post(`${baseUrl}/api/auth/login`, { data: { email: EMAILS[role], password: DEMO_PASSWORD } });
  if (!login.ok()) throw new Error(`Sign-in as ${role} failed: ${login.status()} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const prefs = await context.request.patch(`${baseUrl}/api/auth/preferences`, { data: { locale }, headers: { 'X-CSRF-Token': csrfToken } });
  if (!prefs.ok()) throw new Error(`Saving the language failed: ${prefs.status()} ${await prefs.text()}`);
}

/** Waits until the page shows its heading and nothing on it is still loading. */
export async function waitForPage(page: Page): Promise<void> {
  try {
    await page.locator('main h1').first().waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelectorAll('.loading-block, .spinner-wrap').length === 0, undefined, { timeout: 20_000 });
    await page.waitForLoadState('networkidle');
  } catch (e) {
    const shown = await page.evaluate(() => (document.querySelector('main') ?? document.body).innerText.slice(0, 300)).catch(() => '');
    throw new Error(`${page.url()} did not finish loading; it shows: ${JSON.stringify(shown)}\n${String(e)}`);
  }
}

/** A fresh browser profile: a phone or a desktop, in a given browser language. */
export async function newContext(browser: Browser, options: { width?: number; height?: number; locale?: string } = {}): Promise<BrowserContext> {
  const width = options.width ?? 1280;
  return browser.newContext({
    viewport: { width, height: options.height ?? (width <= 480 ? 780 : 900) },
    locale: options.locale ?? 'en-GB',
    ...(width <= 480 ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
}

/**
 * Errors a page logs or throws. Expected and left out: the 401 of `GET /api/auth/me` before
 * signing in (the app asks whether a session exists).
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (m.text().includes('status of 401') && m.location().url.endsWith('/api/auth/me')) return;
    errors.push(`${m.text()} (${m.location().url})`);
  });
  return errors;
}
