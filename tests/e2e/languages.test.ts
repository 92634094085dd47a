import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '@shared/locales';
import type { Db } from '../../server/src/db/client';
import { DEMO_PASSWORD, launchBrowser, screenshot, startApp } from './harness';
import { collectErrors, EMAILS, findDemoIds, newContext, pagesFor, signInAs, waitForPage, type DemoIds } from './pages';

type Catalogue = Record<string, string>;

function flatten(obj: object, prefix = ''): Catalogue {
  const out: Catalogue = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'object' && v !== null) Object.assign(out, flatten(v as object, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = String(v);
  }
  return out;
}
const catalogue = (lang: Locale): Catalogue =>
  flatten(JSON.parse(readFileSync(resolve(import.meta.dirname, `../../client/src/locales/${lang}.json`), 'utf8')) as object);

const en = catalogue('en');
const ru = catalogue('ru');
const tg = catalogue('tg');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * English interface text that must not appear on a Russian or Tajik page: every English
 * value with at least four letters of its own whose translation differs. A value with
 * placeholders matches a whole text with anything in their place ("Outcome 2"); a value
 * in English prose also matches inside a longer text ("Status saved. Try again").
 */
function englishPatterns(other: Catalogue): { key: string; whole: RegExp; inside: string | null }[] {
  return Object.entries(en)
    .filter(([key, value]) => other[key] !== value && (value.replace(/\{\{[^}]*\}\}/g, '').match(/\p{L}/gu)?.length ?? 0) >= 4)
    .map(([key, value]) => {
      const parts = value.split(/\{\{[^}]*\}\}/);
      const whole = new RegExp(`^${parts.map(escape).join('.+?')}$`, 'u');
      // Inside a longer text only English prose counts (two lowercase words), not names like "Excel (XLSX)".
      const inside = parts.length === 1 && (value.match(/\b[a-z]{3,}\b/g)?.length ?? 0) >= 2 ? value : null;
      return { key, whole, inside };
    });
}

/** Every text a user can meet on the page: text nodes (screen-reader-only ones too), labels, titles, placeholders. */
async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, noscript')) continue;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) texts.push(text);
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-valuetext]'))) {
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext']) {
        const value = el.getAttribute(attr)?.trim();
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

/**
 * The data the pages show (titles, names, units, notes…) is in English in the demo and is
 * not interface text: every text value stored in the database, longest first, so that it
 * can be taken out of a text before looking for English labels in what remains.
 */
function dataStrings(db: Db): string[] {
  const sqlite = db.$client;
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'`)
    .all() as { name: string }[];
  const values = new Set<string>();
  for (const { name } of tables) {
    const columns = sqlite.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as { name: string; type: string }[];
    for (const column of columns.filter((c) => /TEXT/i.test(c.type))) {
      const rows = sqlite.prepare(`SELECT DISTINCT "${column.name}" AS v FROM "${name}" WHERE length("${column.name}") >= 3`).all() as {
        v: unknown;
      }[];
      for (const { v } of rows) {
        if (typeof v !== 'string' || !/[A-Za-z]/.test(v)) continue;
        values.add(v.trim());
        // Rich text (report narratives) is shown without its tags.
        if (/<[a-z][^>]*>/i.test(v)) for (const piece of v.split(/<[^>]+>/)) if (piece.trim().length >= 3) values.add(piece.trim());
      }
    }
  }
  return [...values].filter(Boolean).sort((a, b) => b.length - a.length);
}

const SECTIONS = [...new Set(Object.keys(en).map((k) => k.split('.')[0]))];
const RAW_KEY = new RegExp(`(^|\\s)(${SECTIONS.join('|')})\\.[\\w.]+`);
const LOOKS_LIKE_KEY = /^[a-z][a-zA-Z]*(\.[a-zA-Z]\w*)+$/;

function englishOn(texts: string[], patterns: ReturnType<typeof englishPatterns>, data: string[]): string[] {
  const found = new Set<string>();
  // A key shown instead of its text: missing from the catalogue (there is no fallback language).
  for (const text of texts) {
    if ((RAW_KEY.test(text) || LOOKS_LIKE_KEY.test(text)) && !data.some((d) => text.includes(d)))
      found.add(`"${text.slice(0, 100)}" ← a key with no text`);
  }
  for (const original of texts) {
    let text = original;
    for (const d of data) if (text.includes(d)) text = text.split(d).join(' ');
    text = text.replace(/\s+/g, ' ').trim();
    if (!/\p{L}/u.test(text)) continue;
    for (const p of patterns) {
      if (p.whole.test(text) || (p.inside !== null && text.includes(p.inside))) found.add(`"${original.slice(0, 100)}" ← ${p.key}`);
    }
  }
  return [...found];
}

let app: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let context: BrowserContext | undefined;
let ids: DemoIds;
let data: string[];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ids = findDemoIds(app.db);
  data = dataStrings(app.db);
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('The interface language', () => {
  it.each([
    ['ru-RU', 'ru', ru['auth.title']],
    ['tg-TJ', 'tg', tg['auth.title']],
    ['de-DE', 'en', en['auth.title']],
  ])('a browser set to %s opens the sign-in page in %s', async (browserLocale, lang, title) => {
    context = await newContext(browser, { locale: browserLocale });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/login`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
  });

  it('a user who picks Tajik keeps it: it is saved on the account and follows them to another browser', async () => {
    context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${app.baseUrl}/login`);
    await page.locator('input[type=email]').fill(EMAILS.partner);
    await page.locator('input[type=password]').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByRole('heading', { level: 1, name: en['projects.title'] }).waitFor();

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/preferences') && r.request().method() === 'PATCH');
    await page.getByRole('group', { name: en['shell.language'] }).locator('button[lang="tg"]').click();
    expect((await saved).status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: tg['projects.title'] }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('tg');
    expect(errors).toEqual([]);
    await context.close();

    // Another browser, in English, with nothing stored: the account's choice wins after sign-in.
    context = await newContext(browser, { locale: 'en-GB' });
    const elsewhere = await context.newPage();
    await elsewhere.goto(`${app.baseUrl}/login`);
    await elsewhere.getByRole('heading', { level: 1, name: en['auth.title'] }).waitFor();
    await elsewhere.locator('input[type=email]').fill(EMAILS.partner);
    await elsewhere.locator('input[type=password]').fill(DEMO_PASSWORD);
    await elsewhere.locator('button[type=submit]').click();
    await elsewhere.getByRole('heading', { level: 1, name: tg['projects.title'] }).waitFor();
  });

  it('a language picked by hand on the sign-in page stays after signing in and becomes the account’s language', async () => {
    context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/login`);
    await page.getByRole('heading', { level: 1, name: en['auth.title'] }).waitFor();
    await page.locator('.lang-switcher button[lang="ru"]').click();
    await page.getByRole('heading', { level: 1, name: ru['auth.title'] }).waitFor();
    await page.locator('input[type=email]').fill(EMAILS.donor);
    await page.locator('input[type=password]').fill(DEMO_PASSWORD);
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/preferences') && r.request().method() === 'PATCH');
    await page.locator('button[type=submit]').click();
    expect((await saved).status()).toBe(200);
    await page.locator('main h1').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    const me = await context.request.get(`${app.baseUrl}/api/auth/me`);
    expect(((await me.json()) as { user: { locale: string } }).user.locale).toBe('ru');
  });

  it('dates, numbers and money are written the Russian way on a Russian page; Tajik plurals and dates stay Tajik on a phone set to Russian', async () => {
    context = await newContext(browser, { locale: 'ru-RU' });
    await signInAs(context, app.baseUrl, 'donor', 'ru');
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/projects/${ids.projectId}`);
    await waitForPage(page);
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/150[\s\u00a0\u202f]000,00[\s\u00a0]USD/);
    expect(text).toMatch(/\d{1,2} (янв|февр|мар|апр|мая|июн|июл|авг|сент|окт|нояб|дек)\.? \d{4}/);
    expect(text).toMatch(/\d+(,\d)?[\s\u00a0]%/);

    // Chromium has no Tajik plural rules and would use the browser's Russian ones (few/many).
    await signInAs(context, app.baseUrl, 'donor', 'tg');
    await page.goto(`${app.baseUrl}/projects`);
    await waitForPage(page);
    const count = await page.locator('.result-count').innerText();
    expect(count).toMatch(/^\d+ лоиҳа$/);

    // Chromium has no Tajik dates either: months are named in Tajik, not in Russian.
    await page.goto(`${app.baseUrl}/projects/${ids.projectId}`);
    await waitForPage(page);
    const tajik = await page.locator('main').innerText();
    expect(tajik).toMatch(/\d{1,2} (Янв|Фев|Мар|Апр|Май|Июн|Июл|Авг|Сен|Окт|Ноя|Дек) \d{4}/);
    expect(tajik).not.toMatch(/\d{4} г\./);
  });
});

describe.each<Locale>(['ru', 'tg'])('Every main page in %s', (lang) => {
  const patterns = englishPatterns(lang === 'ru' ? ru : tg);

  it.each(['anonymous', 'admin', 'partner'] as const)('shows no English interface text to the %s', async (viewer) => {
    context = await newContext(browser, { locale: lang === 'ru' ? 'ru-RU' : 'tg-TJ' });
    if (viewer !== 'anonymous') await signInAs(context, app.baseUrl, viewer, lang);
    const page = await context.newPage();
    const errors = collectErrors(page);
    const leaks: string[] = [];
    for (const target of pagesFor(viewer)) {
      await page.goto(`${app.baseUrl}${target.url(ids)}`);
      await waitForPage(page);
      expect(await page.evaluate(() => document.documentElement.lang), target.name).toBe(lang);
      leaks.push(...englishOn(await pageTexts(page), patterns, data).map((l) => `${target.name}: ${l}`));
      if (viewer !== 'partner') await screenshot(page, `lang-${lang}-${viewer}-${target.name}`);
    }
    expect(leaks).toEqual([]);
    expect(errors).toEqual([]);
  });
});
