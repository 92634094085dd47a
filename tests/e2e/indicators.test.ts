import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, signInThroughForm, watchErrors } from './harness';
import { useBrowserApp } from './browser-app';

const e2e = useBrowserApp();

const ROSTER = 'Diaspora professionals registered on the expert roster';
const PROJECT = 'Diaspora skills and investment partnership (illustrative follow-up)';

/** A minimal but real PDF: the server judges the type by its content, not by its name. */
function minimalPdf(): Buffer {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
  return Buffer.from(body, 'latin1');
}

async function signIn(email: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const context = await e2e.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInThroughForm(page, e2e.app.baseUrl, email);
  return { page, errors };
}

async function openResults(page: Page): Promise<void> {
  await page.getByRole('link', { name: PROJECT }).click();
  await page.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
  // Managers are offered to edit it, everyone else to view it.
  await page.getByRole('link', { name: /^(Edit results framework|Results framework)$/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Results framework' }).waitFor();
}

/** The progress the framework shows for the roster indicator, e.g. "29.3%". */
async function rosterProgress(page: Page): Promise<string> {
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: ROSTER }) });
  return (await row.locator('.progress-text').textContent())?.trim() ?? '';
}

describe('Reporting an indicator value from entry to approval', () => {
  it('a manager enters this quarter’s roster count with its breakdown and a PDF, submits it; an admin approves it; the donor sees the progress move', async () => {
    // The donor's view before.
    const donor = await signIn('donor@example.org');
    await openResults(donor.page);
    const before = await rosterProgress(donor.page);
    expect(before).toMatch(/%$/);
    expect(await donor.page.getByRole('button', { name: /Add indicator/ }).count()).toBe(0);

    // The manager enters the current quarter from the indicator page.
    const manager = await signIn('manager@example.org');
    await openResults(manager.page);
    await manager.page.getByRole('link', { name: ROSTER }).click();
    await manager.page.getByRole('heading', { level: 1, name: new RegExp(ROSTER) }).waitFor();
    const current = manager.page.getByRole('row').filter({ hasText: 'In progress' });
    await current.getByRole('link', { name: /Enter value/ }).click();
    await manager.page.getByRole('heading', { level: 1, name: 'Data entry' }).waitFor();

    const card = manager.page.locator('article.entry-card').filter({ has: manager.page.getByRole('link', { name: ROSTER }) });
    await card.getByLabel('Value (people)').fill('70');
    await card.getByLabel('Women', { exact: true }).fill('30');
    await card.getByLabel('Men', { exact: true }).fill('45');
    await card.getByText('The parts add up to 75, 5 more than the total 70.').waitFor();
    await card.getByLabel('Men', { exact: true }).fill('38');
    await card.getByLabel('Other or unknown').fill('2');
    await card.getByText('Complete: the parts add up to the total 70.').waitFor();
    await card.getByLabel('Comment', { exact: true }).fill('Roster extract at the end of the quarter.');
    await card.getByRole('button', { name: 'Save draft' }).click();
    await card.getByText('Draft saved.').waitFor();

    await card.getByLabel('Attach evidence').setInputFiles({ name: 'roster-extract.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
    await card.getByText('roster-extract.pdf is attached.').waitFor();
    await card.getByRole('link', { name: /roster-extract\.pdf/ }).waitFor();
    await screenshot(manager.page, 'indicators-manager-draft-with-evidence');

    await card.getByRole('button', { name: 'Submit for approval' }).click();
    await card.getByText('Submitted. Another manager or an administrator can now approve it.').waitFor();
    // Nobody approves their own submission; the page says why.
    expect(await card.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    await card.getByText('You submitted this value, so another manager or an administrator must approve it.', { exact: false }).waitFor();
    await screenshot(manager.page, 'indicators-manager-submitted');

    // The admin finds it in the M&E overview and approves it.
    const admin = await signIn('admin@example.org');
    await admin.page.getByRole('link', { name: PROJECT }).click();
    await admin.page.getByRole('link', { name: 'M&E overview' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'M&E overview' }).waitFor();
    const row = admin.page
      .getByRole('row')
      .filter({ has: admin.page.getByRole('link', { name: ROSTER }) })
      .filter({ hasText: 'Submitted' })
      .first();
    await screenshot(admin.page, 'indicators-admin-me-overview');
    await row.getByRole('link', { name: /Review/ }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Data entry' }).waitFor();
    const review = admin.page
      .locator('article.entry-card')
      .filter({ has: admin.page.getByRole('link', { name: ROSTER }) })
      .filter({ hasText: 'Roster extract at the end of the quarter.' });
    await review.getByRole('button', { name: 'Approve' }).click();
    await review.getByText('Approved. The value now counts towards progress and the period is locked.').waitFor();
    await review.getByRole('button', { name: 'Unlock period' }).waitFor();
    await screenshot(admin.page, 'indicators-admin-approved');

    // The donor sees the progress move, and the approved value with its evidence.
    await donor.page.reload();
    await donor.page.getByRole('heading', { level: 1, name: 'Results framework' }).waitFor();
    await donor.page.getByRole('link', { name: ROSTER }).waitFor();
    const after = await rosterProgress(donor.page);
    expect(after).toBe('46.7%');
    expect(after).not.toBe(before);
    await screenshot(donor.page, 'indicators-donor-results-after');
    await donor.page.getByRole('link', { name: ROSTER }).click();
    await donor.page.getByRole('heading', { level: 1, name: new RegExp(ROSTER) }).waitFor();
    await donor.page
      .getByRole('table', { name: /Target, approved actual/ })
      .getByText('70 people')
      .waitFor();
    expect(await donor.page.getByRole('button', { name: 'Edit period targets' }).count()).toBe(0);
    await screenshot(donor.page, 'indicators-donor-indicator');

    expect([...donor.errors, ...manager.errors, ...admin.errors]).toEqual([]);
  });
});
