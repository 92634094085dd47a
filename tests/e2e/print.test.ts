import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, SCREENSHOT_DIR, startApp } from './harness';
import { findDemoIds, MAIN_PAGES, newContext, signInAs, waitForPage, type DemoIds } from './pages';

const PRINT_DIR = join(SCREENSHOT_DIR, 'print');
/** A4 in PDF points (210 × 297 mm), portrait or landscape. */
const A4 = [595.28, 841.89];

/** Sizes of the pages of a PDF from Chromium, read from their MediaBox entries. */
function pageSizes(pdf: Buffer): number[][] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

let app: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let context: BrowserContext;
let ids: DemoIds;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ids = findDemoIds(app.db);
  context = await newContext(browser);
  await signInAs(context, app.baseUrl, 'donor');
  mkdirSync(PRINT_DIR, { recursive: true });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

describe('Printing for a donor’s file (A4)', () => {
  const printed = MAIN_PAGES.filter((p) => p.printed && p.viewers.includes('donor'));

  it('the pages a donor prints include the project overview and the results framework', () => {
    expect(printed.map((p) => p.name)).toEqual(expect.arrayContaining(['project-overview', 'results-framework']));
  });

  it.each(printed.map((p) => [p.name, p] as const))(
    '%s prints on A4 with its content only: no navigation, buttons or forms, links as text',
    async (name, target) => {
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}${target.url(ids)}`);
      await waitForPage(page);
      await page.emulateMedia({ media: 'print' });

      const shown = await page.evaluate(() => {
        const visible = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        };
        const chrome = Array.from(
          document.querySelectorAll('.app-header, .app-footer, .skip-link, nav, main button, main .btn, main form, main select, main input'),
        )
          .filter(visible)
          .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 30)}"`);
        const underlined = Array.from(document.querySelectorAll('main a'))
          .filter(visible)
          .filter((a) => getComputedStyle(a).textDecorationLine.includes('underline'))
          .map((a) => (a.textContent ?? '').trim().slice(0, 30));
        return { chrome, underlined, heading: document.querySelector('main h1')?.textContent ?? '' };
      });
      expect(shown.chrome, 'app chrome and controls in print').toEqual([]);
      expect(shown.underlined, 'links printed as links').toEqual([]);
      expect(shown.heading.length).toBeGreaterThan(0);

      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      writeFileSync(join(PRINT_DIR, `${name}.pdf`), pdf);
      const sizes = pageSizes(pdf);
      expect(sizes.length).toBeGreaterThan(0);
      for (const size of sizes) {
        const [short, long] = [...size].sort((a, b) => a - b) as [number, number];
        expect(Math.abs(short - A4[0]!) < 2 && Math.abs(long - A4[1]!) < 2, `page of ${size.join(' × ')} pt is not A4`).toBe(true);
      }
      await page.close();
    },
  );

  it('each outcome of the results framework starts on a new page', async () => {
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/projects/${ids.projectId}/results`);
    await waitForPage(page);
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.evaluate(() => Array.from(document.querySelectorAll('.outcome')).map((o) => getComputedStyle(o).breakBefore));
    expect(breaks.length).toBeGreaterThan(1);
    expect(breaks.slice(1).every((b) => b === 'page')).toBe(true);
    await page.close();
  });
});
