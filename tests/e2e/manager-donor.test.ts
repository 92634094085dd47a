import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, signInThroughForm, watchErrors } from './harness';
import { useBrowserApp } from './browser-app';

const e2e = useBrowserApp();

/** A fresh desktop page whose errors fail the test. */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await e2e.newContext();
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

describe('Following CE.0219 in the browser', () => {
  it('a project manager opens CE.0219, puts an activity on hold with a note, and finds the change in its history', async () => {
    const { page, errors } = await openPage();
    await signInThroughForm(page, e2e.app.baseUrl, 'manager@example.org');

    await page.getByRole('link', { name: 'Engaging the Tajik Diaspora in Development' }).click();
    await page.getByRole('heading', { level: 1, name: 'Engaging the Tajik Diaspora in Development' }).waitFor();
    expect(await page.getByText('From the published record').first().isVisible()).toBe(true);
    await screenshot(page, 'manager-project-overview');

    await page.getByRole('link', { name: 'Joint Government–IOM seminars on migration challenges' }).click();
    await page.getByRole('heading', { level: 1, name: 'Joint Government–IOM seminars on migration challenges' }).waitFor();

    const form = page.locator('form.status-form');
    await form.getByLabel('Status').selectOption({ label: 'On hold' });
    await form.getByLabel('Percent complete').fill('60');
    await form.getByLabel('Note').fill('Paused until the new inter-agency working group is appointed.');
    await form.getByRole('button', { name: 'Save status' }).click();
    await form.getByText('Status saved.').waitFor();

    const history = page.getByRole('list', { name: 'History' });
    const entry = history.getByRole('listitem').filter({ hasText: 'Paused until the new inter-agency working group is appointed.' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Farrukh Nazarov');
    expect(await entry.locator('.change').filter({ hasText: 'Status' }).textContent()).toMatch(/Completed\s*→\s*changed to\s*On hold/);
    expect(await entry.locator('.change').filter({ hasText: 'Percent complete' }).textContent()).toMatch(/100%\s*→\s*changed to\s*60%/);
    // The page heading shows the new status too.
    expect(await page.locator('.page-header .badge').first().textContent()).toContain('On hold');
    await screenshot(page, 'manager-activity-status-changed');

    expect(errors).toEqual([]);
  });

  it('a donor sees CE.0219 and its activities but no control to change them', async () => {
    const { page, errors } = await openPage();
    await signInThroughForm(page, e2e.app.baseUrl, 'donor@example.org');
    expect(await page.getByRole('link', { name: 'New project' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Engaging the Tajik Diaspora in Development' }).click();
    await page.getByRole('heading', { level: 1, name: 'Engaging the Tajik Diaspora in Development' }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit project' }).count()).toBe(0);
    await screenshot(page, 'donor-project-overview');

    await page.getByRole('link', { name: 'Results framework', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Results framework' }).waitFor();
    await page.getByRole('link', { name: 'National forum on diaspora engagement', exact: true }).waitFor();
    for (const name of ['Edit goal', 'Add outcome', 'Rename', 'Delete']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    expect(await page.locator('select').count()).toBe(0);
    await screenshot(page, 'donor-results-framework');

    await page.getByRole('link', { name: 'National forum on diaspora engagement', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'National forum on diaspora engagement' }).waitFor();
    await page.getByRole('list', { name: 'History' }).or(page.getByText('No changes recorded yet.')).first().waitFor();
    expect(await page.getByRole('button', { name: 'Edit activity' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save status' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Post comment' }).count()).toBe(0);
    expect(await page.locator('form, select, textarea').count()).toBe(0);
    expect(await page.getByText('You can read the comments; your role cannot add new ones.').isVisible()).toBe(true);
    await screenshot(page, 'donor-activity');

    expect(errors).toEqual([]);
  });
});
