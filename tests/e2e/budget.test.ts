import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, screenshot } from './harness';
import { useBrowserApp } from './browser-app';

const e2e = useBrowserApp();

const PROJECT = 'Diaspora skills and investment partnership (illustrative follow-up)';

/** Page errors, except the 401 the app's session probe logs before sign-in. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (m.text().includes('status of 401') && m.location().url.endsWith('/api/auth/me')) return;
    errors.push(`${m.text()} (${m.location().url})`);
  });
  return errors;
}

async function openBudget(email: string): Promise<{ page: Page; errors: string[] }> {
  const context = await e2e.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${e2e.app.baseUrl}/projects`);
  await page.waitForURL('**/login');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  await page.getByRole('link', { name: PROJECT }).click();
  await page.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
  // The overview shows time, money and work side by side.
  await page.getByRole('heading', { name: 'Project health' }).waitFor();
  await page.getByRole('link', { name: 'Budget', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Budget' }).waitFor();
  await page.locator('.ledger-table').waitFor();
  return { page, errors };
}

/** "USD 114,740.44" → 114740.44 */
function usd(text: string | null): number {
  const m = /USD\s*(-?[\d,]+\.\d{2})/.exec(text ?? '');
  if (!m?.[1]) throw new Error(`No USD amount in ${text}`);
  return Number(m[1].replace(/,/g, ''));
}

describe('The budget of a project in the browser', () => {
  it('a manager records a TJS expenditure with its rate, sees it converted to USD in the ledger, and the totals grow by it', async () => {
    const { page, errors } = await openBudget('manager@example.org');
    const spentMetric = page
      .locator('.metric')
      .filter({ hasText: /^Spent/ })
      .locator('.metric-value');
    const spentBefore = usd(await spentMetric.textContent());
    const countBefore = await page.locator('.ledger .result-count').textContent();
    const ledgerSpentBefore = usd(/spent (USD\s[\d,.]+)/.exec(countBefore ?? '')?.[1] ?? null);

    await page.getByRole('button', { name: 'Add entry' }).click();
    const form = page.getByRole('form', { name: 'New ledger entry' });
    await form.getByLabel('Currency').selectOption('TJS');
    await form.getByLabel('Amount', { exact: false }).first().fill('10000');
    await form.getByLabel(/^Rate \(USD per 1 TJS\)/).fill('0.0917');
    await form.getByText('Converted: USD 917.00 (in USD, the project currency).').waitFor();
    await form.getByLabel(/^Date/).fill(new Date().toISOString().slice(0, 10));
    await form.getByLabel(/^Budget line/).selectOption({ label: 'OFF-1 — Office and communications' });
    await form.getByLabel(/^Payee/).fill('Office landlord, Dushanbe');
    await form.getByLabel(/^Reference/).fill('E2E-TJS-1');
    await screenshot(page, 'budget-manager-tjs-entry-form');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await page.getByText('Entry saved: USD 917.00 in the project currency.').waitFor();

    const entry = page.locator('.ledger-table tbody tr').filter({ hasText: 'E2E-TJS-1' });
    await entry.waitFor();
    const cells = await entry.locator('td').allTextContents();
    const normalised = cells.map((c) => c.replace(/\s/g, ' '));
    expect(normalised).toContain('TJS 10,000.00');
    expect(normalised).toContain('0.0917');
    expect(normalised).toContain('USD 917.00');

    // Ledger sums and the budget summary both count the converted amount.
    // Intl puts a no-break space between the code and the amount.
    const amount = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/[.,]/g, (c) => `\\${c}`);
    await page
      .locator('.ledger .result-count')
      .filter({ hasText: new RegExp(`spent USD\\s${amount(ledgerSpentBefore + 917)}`) })
      .waitFor();
    await spentMetric.filter({ hasText: new RegExp(`USD\\s${amount(spentBefore + 917)}`) }).waitFor();
    await screenshot(page, 'budget-manager-ledger-after-entry');

    expect(errors).toEqual([]);
  });

  it('a donor reads budget, ledger and charts but has no control to change them', async () => {
    const { page, errors } = await openBudget('donor@example.org');
    expect(await page.getByText('You can read the budget and the ledger; your role cannot change them.').isVisible()).toBe(true);
    for (const name of ['Add entry', 'Import CSV', 'Add budget line', 'Revise', 'Edit', 'Delete', 'Attach file', 'Save']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    expect(await page.getByLabel('Tolerance (%)').count()).toBe(0);
    // Revision history stays readable.
    await page
      .getByRole('row')
      .filter({ hasText: 'Seminars with banks' })
      .first()
      .getByRole('button', { name: /History/ })
      .click();
    await page.getByText(/One seminar dropped after the regulator joined the series/).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await screenshot(page, 'budget-donor');

    expect(errors).toEqual([]);
  });
});
