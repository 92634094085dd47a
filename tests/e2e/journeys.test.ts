import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '@shared/locales';
import { DEMO_PASSWORD, launchBrowser, SCREENSHOT_DIR, startApp } from './harness';
import { collectErrors, EMAILS, newContext, signInAs } from './pages';

const JOURNEY_DIR = join(SCREENSHOT_DIR, 'journeys');
const CE0219 = 'Engaging the Tajik Diaspora in Development';
const FOLLOW_UP = 'Diaspora skills and investment partnership (illustrative follow-up)';
const ROSTER = 'Diaspora professionals registered on the expert roster';

type Catalogue = Record<string, string>;
function flatten(obj: object, prefix = ''): Catalogue {
  const out: Catalogue = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'object' && v !== null) Object.assign(out, flatten(v as object, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = String(v);
  }
  return out;
}
const catalogues = Object.fromEntries(
  (['en', 'ru', 'tg'] as const).map((l) => [
    l,
    flatten(JSON.parse(readFileSync(resolve(import.meta.dirname, `../../client/src/locales/${l}.json`), 'utf8')) as object),
  ]),
) as Record<Locale, Catalogue>;
/** The interface text of a key in a language, as the user reads it. */
const T = (lang: Locale, key: string): string => {
  const text = catalogues[lang][key];
  if (text === undefined) throw new Error(`${key} is not in ${lang}.json`);
  return text;
};

let app: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  mkdirSync(JOURNEY_DIR, { recursive: true });
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function open(options: { width?: number; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser, options);
  contexts.push(context);
  const page = await context.newPage();
  return { context, page, errors: collectErrors(page) };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(JOURNEY_DIR, `${name}.png`), fullPage: true });
}

/** Signs in on the sign-in page, as a person would, whatever language it is in. */
async function signInThroughPage(page: Page, email: string): Promise<void> {
  await page.goto(`${app.baseUrl}/login`);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('main h1').first().waitFor();
}

describe('Journeys, one per role', () => {
  it('the manager updates an activity, records an indicator value and an expenditure on the follow-up project', async () => {
    const { page, errors } = await open();
    await signInThroughPage(page, EMAILS.manager);
    await page.goto(`${app.baseUrl}/projects`);
    await page.getByRole('link', { name: FOLLOW_UP }).click();
    await page.getByRole('heading', { level: 1, name: FOLLOW_UP }).waitFor();
    await shot(page, 'manager-01-project');

    // 1. The activity: a progress update with a note for the history.
    await page.getByRole('link', { name: 'Expert assignment round 1' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Expert assignment round 1' }).waitFor();
    const form = page.locator('form.status-form');
    await form.getByLabel('Percent complete').fill('90');
    await form.getByLabel('Note').fill('Nine of ten experts have finished their assignments.');
    await form.getByRole('button', { name: 'Save status' }).click();
    await form.getByText('Status saved.').waitFor();
    await page.getByRole('list', { name: 'History' }).getByText('Nine of ten experts have finished their assignments.').waitFor();
    await shot(page, 'manager-02-activity-updated');

    // 2. The indicator: this period's count, with its breakdown, saved as a draft.
    await page.goto(`${app.baseUrl}/projects`);
    await page.getByRole('link', { name: FOLLOW_UP }).click();
    await page.getByRole('link', { name: 'Edit results framework' }).click();
    await page.getByRole('heading', { level: 1, name: 'Results framework' }).waitFor();
    await page.getByRole('link', { name: ROSTER }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(ROSTER) }).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: 'In progress' })
      .getByRole('link', { name: /Enter value/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Data entry' }).waitFor();
    const card = page.locator('article.entry-card').filter({ has: page.getByRole('link', { name: ROSTER }) });
    await card.getByLabel('Value (people)').fill('64');
    await card.getByLabel('Women', { exact: true }).fill('27');
    await card.getByLabel('Men', { exact: true }).fill('35');
    await card.getByLabel('Other or unknown').fill('2');
    await card.getByText('Complete: the parts add up to the total 64.').waitFor();
    await card.getByRole('button', { name: 'Save draft' }).click();
    await card.getByText('Draft saved.').waitFor();
    await shot(page, 'manager-03-indicator-value');

    // 3. The budget: an expenditure in the project currency, against an office line.
    await page.goto(`${app.baseUrl}/projects`);
    await page.getByRole('link', { name: FOLLOW_UP }).click();
    await page.getByRole('link', { name: 'Budget', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Budget' }).waitFor();
    await page.getByRole('button', { name: 'Add entry' }).click();
    const entry = page.getByRole('form', { name: 'New ledger entry' });
    await entry.getByLabel('Amount', { exact: false }).first().fill('1250');
    await entry.getByLabel(/^Date/).fill(new Date().toISOString().slice(0, 10));
    await entry.getByLabel(/^Budget line/).selectOption({ label: 'OFF-1 — Office and communications' });
    await entry.getByLabel(/^Payee/).fill('Internet provider, Dushanbe');
    await entry.getByLabel(/^Reference/).fill('JOURNEY-1');
    await entry.getByRole('button', { name: 'Add entry' }).click();
    await page.getByText('Entry saved: USD 1,250.00 in the project currency.').waitFor();
    await page.locator('.ledger-table tbody tr').filter({ hasText: 'JOURNEY-1' }).waitFor();
    await shot(page, 'manager-04-expenditure');

    expect(errors).toEqual([]);
  });

  it('the government partner, on a phone set to Russian and a slow connection, reads CE.0219 in Tajik and comments on an activity', async () => {
    // Tajik was chosen on an earlier visit and is kept on the account.
    const setup = await open();
    await signInAs(setup.context, app.baseUrl, 'partner', 'tg');

    const { page, errors } = await open({ width: 360, locale: 'ru-RU' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 300,
      downloadThroughput: (400 * 1024) / 8,
      uploadThroughput: (200 * 1024) / 8,
    });

    await page.goto(`${app.baseUrl}/login`);
    await page.getByRole('heading', { level: 1, name: T('ru', 'auth.title') }).waitFor();
    await shot(page, 'partner-01-sign-in-in-russian');
    await signInThroughPage(page, EMAILS.partner);
    await page.waitForFunction(() => document.documentElement.lang === 'tg');

    await page.goto(`${app.baseUrl}/projects`);
    await page.getByRole('heading', { level: 1, name: T('tg', 'projects.title') }).waitFor();
    await page.getByRole('link', { name: CE0219 }).click();
    await page.getByRole('heading', { level: 1, name: CE0219 }).waitFor();
    await page.getByRole('heading', { name: T('tg', 'summary.title') }).waitFor();
    await shot(page, 'partner-02-progress-in-tajik');

    await page.getByRole('link', { name: T('tg', 'results.viewLink'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: T('tg', 'results.title') }).waitFor();
    await page.getByText(T('tg', 'results.readOnly')).waitFor();
    await shot(page, 'partner-03-results-in-tajik');

    await page.getByRole('link', { name: 'Joint Government–IOM seminars on migration challenges' }).click();
    await page.getByRole('heading', { level: 1, name: 'Joint Government–IOM seminars on migration challenges' }).waitFor();
    const comment = 'Вазорати меҳнат барои семинари оянда ду мутахассис пешниҳод мекунад.';
    await page.getByLabel(T('tg', 'comments.add')).fill(comment);
    await page.getByRole('button', { name: T('tg', 'comments.post') }).click();
    await page
      .getByRole('list', { name: T('tg', 'comments.title') })
      .getByText(comment)
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot(page, 'partner-04-commented');

    expect(errors).toEqual([]);
  });

  it('the donor picks Russian on the sign-in page, reads the CE.0219 report in Russian and downloads it', async () => {
    const { page, errors } = await open({ locale: 'en-GB' });
    await page.goto(`${app.baseUrl}/login`);
    await page.locator('.lang-switcher button[lang="ru"]').click();
    await page.getByRole('heading', { level: 1, name: T('ru', 'auth.title') }).waitFor();
    await signInThroughPage(page, EMAILS.donor);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await shot(page, 'donor-01-home-in-russian');

    await page.goto(`${app.baseUrl}/projects`);
    await page.getByRole('link', { name: CE0219 }).click();
    await page.getByRole('heading', { level: 1, name: CE0219 }).waitFor();
    await page.getByRole('link', { name: T('ru', 'reports.link'), exact: true }).click();
    await page.getByRole('link', { name: 'Interim report 2013 (illustrative)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Interim report 2013 (illustrative)' }).waitFor();
    await page.getByRole('heading', { name: T('ru', 'reports.downloads.title') }).waitFor();
    await shot(page, 'donor-02-report-in-russian');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: T('ru', 'reports.downloads.pdf'), exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^CE\.0219-report-\d+\.pdf$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await download.saveAs(join(JOURNEY_DIR, 'donor-03-downloaded-report.pdf'));

    expect(errors).toEqual([]);
  });

  it('the administrator creates an account for a new partner and disables the account of one who left', async () => {
    const { page, context, errors } = await open();
    // Someone who has left the programme, set up beforehand.
    await signInAs(context, app.baseUrl, 'admin');
    const me = (await (await context.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
    const created = await context.request.post(`${app.baseUrl}/api/users`, {
      headers: { 'X-CSRF-Token': me.csrfToken },
      data: {
        email: 'left.programme@example.org',
        name: 'Rustam Qodirov',
        organisation: 'Ministry of Labour',
        role: 'partner',
        password: 'a long enough passphrase 2026',
        projectIds: [],
      },
    });
    expect(created.status()).toBe(201);
    await context.clearCookies();

    await signInThroughPage(page, EMAILS.admin);
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await shot(page, 'admin-01-users');

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('E-mail address').fill('nigora.saidova@example.org');
    await dialog.getByLabel('Name').fill('Nigora Saidova');
    await dialog.getByLabel('Organisation').fill('Committee on Women and Family Affairs');
    await dialog.getByLabel('Role').selectOption({ label: 'Government partner' });
    await dialog.getByLabel('Initial password').fill('seminar season in Dushanbe 2026');
    await dialog.getByLabel(CE0219).check();
    await shot(page, 'admin-02-new-user-form');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Nigora Saidova has been saved.').waitFor();
    await page.getByRole('row').filter({ hasText: 'nigora.saidova@example.org' }).waitFor();

    const leaver = page.getByRole('row').filter({ hasText: 'left.programme@example.org' });
    await leaver.getByRole('button', { name: 'Disable Rustam Qodirov' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disable this account?' });
    await confirm.getByText('Rustam Qodirov will no longer be able to sign in.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByText('Rustam Qodirov can no longer sign in.').waitFor();
    expect(await leaver.getByText('Disabled', { exact: true }).isVisible()).toBe(true);
    await shot(page, 'admin-03-created-and-disabled');

    // The new partner can sign in; the one who left cannot.
    const fresh = await browser.newContext();
    contexts.push(fresh);
    const newcomer = await fresh.request.post(`${app.baseUrl}/api/auth/login`, {
      data: { email: 'nigora.saidova@example.org', password: 'seminar season in Dushanbe 2026' },
    });
    expect(newcomer.status()).toBe(200);
    const leaverLogin = await fresh.request.post(`${app.baseUrl}/api/auth/login`, {
      data: { email: 'left.programme@example.org', password: 'a long enough passphrase 2026' },
    });
    expect(leaverLogin.ok()).toBe(false);

    expect(errors).toEqual([]);
  });
});
