import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startApp } from './harness';
import { collectErrors, findDemoIds, newContext, pagesFor, ROLES_SIGNED_IN, signInAs, waitForPage, type DemoIds, type Viewer } from './pages';

const PHONE_WIDTH = 360;
const MIN_TARGET = 44;

/**
 * The controls a thumb has to hit. Links inside running text are exempt (WCAG 2.5.8),
 * and so are the boxes of checkboxes and radios, whose whole label is the target.
 */
const PRIMARY_CONTROLS = [
  'button:not(.chip-remove)',
  'a.btn',
  '.main-nav a',
  'a.brand',
  'select',
  'input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not([type=file])',
  'textarea',
].join(', ');

/** Elements that stick out of the page on the right, outside any box that scrolls sideways. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    const scrolls = (el: Element | null): boolean => {
      for (let e = el?.parentElement ?? null; e && e !== document.body; e = e.parentElement) {
        const o = getComputedStyle(e).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= width + 0.5 || scrolls(el)) continue;
      out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 3).join('.')} right=${Math.round(r.right)}`);
    }
    return out.slice(0, 8);
  }, PHONE_WIDTH);
}

async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(
    ([selector, min]) =>
      Array.from(document.querySelectorAll<HTMLElement>(selector))
        .filter((el) => {
          const s = getComputedStyle(el);
          if (s.visibility === 'hidden' || el.closest('[aria-hidden="true"], .visually-hidden, .skip-link')) return false;
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && (r.height < min - 0.5 || r.width < min - 0.5);
        })
        .map((el) => {
          const r = el.getBoundingClientRect();
          const label = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
          return `${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 3).join('.')} "${label}" ${Math.round(r.width)}×${Math.round(r.height)}`;
        }),
    [PRIMARY_CONTROLS, MIN_TARGET] as const,
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

describe(`On a ${PHONE_WIDTH} px phone`, () => {
  it.each<Viewer>(['anonymous', ...ROLES_SIGNED_IN])(
    `every page the %s sees fits the screen width (wide tables scroll in their own box) and its controls are at least ${MIN_TARGET} px`,
    async (viewer) => {
      context = await newContext(browser, { width: PHONE_WIDTH });
      if (viewer !== 'anonymous') await signInAs(context, app.baseUrl, viewer);
      const page = await context.newPage();
      const errors = collectErrors(page);
      const problems: string[] = [];
      for (const target of pagesFor(viewer)) {
        await page.goto(`${app.baseUrl}${target.url(ids)}`);
        await waitForPage(page);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scrollWidth > PHONE_WIDTH) problems.push(`${target.name}: page is ${scrollWidth} px wide: ${(await overflowing(page)).join('; ')}`);
        problems.push(...(await smallTargets(page)).map((s) => `${target.name}: small target ${s}`));
        if (viewer === 'manager' || viewer === 'anonymous' || target.viewers.length === 1) await screenshot(page, `phone-${viewer}-${target.name}`);
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    },
  );
});
