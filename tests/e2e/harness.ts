import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp, DEFAULT_CLIENT_DIR } from '../../server/src/app';
import { migrateDatabase, openDatabase, type Db } from '../../server/src/db/client';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';

export { DEMO_PASSWORD };

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-output/e2e');

/** Serves the built client and the API on a fresh database seeded with the demo. */
export async function startApp(): Promise<{ baseUrl: string; db: Db; close(): Promise<void> }> {
  if (!existsSync(join(DEFAULT_CLIENT_DIR, 'index.html'))) {
    throw new Error('The client is not built: run `npm run build` before the browser tests');
  }
  const dir = mkdtempSync(join(tmpdir(), 'hamkori-e2e-'));
  const db = openDatabase(join(dir, 'e2e.db'));
  await migrateDatabase(db);
  await seedDemo(db);
  const app = createApp({
    db,
    clientDir: DEFAULT_CLIENT_DIR,
    signInLimits: { pairFree: 1000, addressFree: 1000, accountFree: 1000, codeAccountFree: 1000, resetAddressFree: 1000 },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    db,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** Saves what the user saw, for a person to look at after the run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Fails the test on any error the page logs or throws. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/**
 * Fails the test on any error the page logs or throws, but for the 401 of `GET /api/auth/me`
 * before signing in (the app asks whether a session exists).
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (m.text().includes('status of 401') && m.location().url.endsWith('/api/auth/me')) return;
    errors.push(`${m.text()} (${m.location().url})`);
  });
  return errors;
}

/** Signs in with a demo account through the English sign-in form, then opens the portfolio, where the stories start. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/projects`);
  await page.waitForURL('**/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Where sign-in lands may change (a dashboard); the portfolio is where these stories start.
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  await page.goto(`${baseUrl}/projects`);
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
}
