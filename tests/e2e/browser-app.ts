import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser, startApp } from './harness';

type StartedApp = Awaited<ReturnType<typeof startApp>>;

/**
 * The app (on a fresh demo database) and a browser for one test file: started before its
 * tests and closed after them. Browser profiles opened with `newContext` are closed after each
 * test, so no test sees another's session.
 */
export function useBrowserApp() {
  let app: StartedApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The app and the browser start in beforeAll');
    return value;
  };

  return {
    get app(): StartedApp {
      return started(app);
    },
    get browser(): Browser {
      return started(browser);
    },
    /** A fresh browser profile, desktop size in British English unless `options` say otherwise. */
    async newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
      const context = await started(browser).newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', ...options });
      contexts.push(context);
      return context;
    },
  };
}
