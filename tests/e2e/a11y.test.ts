import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startApp } from './harness';
import {
  collectErrors,
  findDemoIds,
  MAIN_PAGES,
  NOT_PAGES,
  newContext,
  pagesFor,
  ROLES_SIGNED_IN,
  routerRoutes,
  signInAs,
  waitForPage,
  type DemoIds,
  type Viewer,
} from './pages';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/**
 * axe, added through the DevTools protocol: page.evaluate is not subject to the page's
 * Content-Security-Policy (script-src 'self'), which would refuse an inline <script>.
 */
async function runAxe(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

function describeViolations(where: string, violations: Violation[]): string[] {
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where}: [${v.impact}] ${v.id} — ${v.help}\n      ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(' '))
          .join('\n      ')}`,
    );
}

let app: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let context: BrowserContext | undefined;
let ids: DemoIds;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ids = findDemoIds(app.db);
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openAs(viewer: Viewer, options: { width?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  context = await newContext(browser, options);
  if (viewer !== 'anonymous') await signInAs(context, app.baseUrl, viewer);
  const page = await context.newPage();
  return { page, errors: collectErrors(page) };
}

describe('The pages checked are the pages of the app', () => {
  it('every route of the router is in the list of main pages (or is not a page of its own)', () => {
    const listed = new Set(MAIN_PAGES.map((p) => p.route));
    const missing = routerRoutes().filter((r) => !listed.has(r) && !(r in NOT_PAGES));
    expect(missing, 'add these routes to MAIN_PAGES in tests/e2e/pages.ts').toEqual([]);
  });
});

describe('Accessibility: no serious or critical WCAG 2.2 AA violation (axe)', () => {
  it.each<Viewer>(['anonymous', ...ROLES_SIGNED_IN])('on every page the %s sees', async (viewer) => {
    const { page, errors } = await openAs(viewer);
    const problems: string[] = [];
    for (const target of pagesFor(viewer)) {
      await page.goto(`${app.baseUrl}${target.url(ids)}`);
      await waitForPage(page);
      problems.push(...describeViolations(`${viewer} ${target.name}`, await runAxe(page)));
    }
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('Keyboard', () => {
  it('the skip link is the first Tab stop, is visible when focused, and moves focus to the main content', async () => {
    const { page } = await openAs('manager');
    await page.goto(`${app.baseUrl}/projects`);
    await waitForPage(page);
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0, 'the focused skip link is on screen').toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(page.url()).not.toContain('#');
    // The next Tab starts inside the content, not in the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
  });

  it('moving to another page puts focus on its heading, so the new page is announced', async () => {
    const { page } = await openAs('partner');
    await page.goto(`${app.baseUrl}/projects`);
    await waitForPage(page);
    await page.locator('main a[href^="/projects/"]').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/projects\/\d+$/);
    await waitForPage(page);
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    const heading = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(heading.length).toBeGreaterThan(0);
    expect(await page.title()).toContain(heading.trim());
  });

  it('a dialog keeps focus inside while open, closes with Escape and gives focus back to its button', async () => {
    const { page } = await openAs('manager');
    await page.goto(`${app.baseUrl}/projects`);
    await waitForPage(page);
    const opener = page.locator('.user-menu button').first();
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement)), `focus left the dialog after ${i + 1} presses`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('every control reached with Tab shows a visible focus indicator', async () => {
    const { page } = await openAs('manager');
    for (const url of [`/activities/${ids.activityId}`, `/projects/${ids.projectId}/results`]) {
      await page.goto(`${app.baseUrl}${url}`);
      await waitForPage(page);
      const missing: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const seen = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return { ok: true, what: 'body' };
          const s = getComputedStyle(el);
          const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
          const ring = s.boxShadow !== 'none' && s.boxShadow !== '';
          return { ok: outline || ring, what: `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"` };
        });
        if (!seen.ok) missing.push(seen.what);
      }
      expect(missing, url).toEqual([]);
    }
  });
});

describe('Colour is never the only signal', () => {
  it('status, RAG, slippage and overspending marks carry words, not only a colour', async () => {
    const { page } = await openAs('manager');
    const pages = ['', '/results', '/timeline', '/budget', '/monitoring'].map((p) => `/projects/${ids.projectId}${p}`);
    for (const url of [...pages, `/indicators/${ids.indicatorId}`]) {
      await page.goto(`${app.baseUrl}${url}`);
      await waitForPage(page);
      const mute = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.badge, .rag-badge, .outcome-rag, .status-count, .gantt-slip, .over-flag'))
          .filter((el) => el.offsetParent !== null)
          .filter((el) => (el.innerText || el.getAttribute('aria-label') || el.getAttribute('title') || '').trim().length === 0)
          .map((el) => el.outerHTML.slice(0, 120)),
      );
      expect(mute, url).toEqual([]);
    }
    await screenshot(page, 'a11y-indicator-badges');
  });
});
