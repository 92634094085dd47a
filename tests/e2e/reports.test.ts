import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenshot } from './harness';
import { collectErrors, findDemoIds, signInAs, waitForPage } from './pages';
import { useBrowserApp } from './browser-app';

const e2e = useBrowserApp();

describe('period reports in the browser', () => {
  it('the donor lands on the dashboard, opens the submitted CE.0219 report, downloads its PDF and returns it with a comment', async () => {
    const ids = findDemoIds(e2e.app.db);
    const context = await e2e.newContext();
    await signInAs(context, e2e.app.baseUrl, 'donor');
    const page = await context.newPage();
    const errors = collectErrors(page);

    await page.goto(`${e2e.app.baseUrl}/`);
    await page.waitForURL('**/dashboard');
    await waitForPage(page);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dashboard');
    await expect.poll(() => page.getByText('1 report awaits your review').count()).toBe(1);
    await screenshot(page, 'donor-dashboard');

    await page.getByRole('link', { name: 'Interim report 2013 (illustrative)' }).click();
    await page.waitForURL(`**/reports/${ids.reportId}`);
    await waitForPage(page);
    await expect.poll(() => page.getByText(/Data frozen at submission on/).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Accept report' }).count()).toBe(1);
    // A donor reads the narrative; there is no editor for them.
    expect(await page.getByRole('textbox').count()).toBe(0);
    await screenshot(page, 'donor-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`CE.0219-report-${ids.reportId}.pdf`);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('button', { name: 'Return with comments' }).click();
    const dialog = page.getByRole('dialog', { name: 'Return the report to its manager' });
    await dialog.getByRole('button', { name: 'Return report' }).click();
    await expect.poll(() => dialog.getByText('Write what should change.').count()).toBe(1);
    await dialog.getByLabel('Comments').fill('Please add the participant figures of the second seminar.');
    await dialog.getByRole('button', { name: 'Return report' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Returned by Jonas Berg with comments' }).count()).toBe(1);
    await expect.poll(() => page.locator('.page-lead .badge').textContent()).toBe('Returned');
    await screenshot(page, 'donor-report-returned');

    const stored = e2e.app.db.$client.prepare('SELECT status, review_comment AS comment FROM reports WHERE id = ?').get(ids.reportId) as {
      status: string;
      comment: string;
    };
    expect(stored).toEqual({ status: 'returned', comment: 'Please add the participant figures of the second seminar.' });
    expect(errors).toEqual([]);
  });

  it('a manager writes a report with the narrative editor, sees the sanitised preview and submits it', async () => {
    const ids = findDemoIds(e2e.app.db);
    const context = await e2e.newContext();
    await signInAs(context, e2e.app.baseUrl, 'manager');
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${e2e.app.baseUrl}/projects/${ids.projectId}/reports`);
    await waitForPage(page);
    await page.getByLabel('Kind').selectOption('final');
    await page.getByLabel('Title').fill('Final report');
    await page.getByLabel('Period start').fill('2013-01-01');
    await page.getByLabel('Period end').fill('2014-12-31');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    await waitForPage(page);
    await expect.poll(() => page.getByText(/Live data as of/).count()).toBe(1);

    const editor = page.getByRole('textbox', { name: 'Achievements' });
    await editor.click();
    await page.keyboard.type('The forum met in Dushanbe. ');
    await page.getByRole('toolbar', { name: 'Formatting: Achievements' }).getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type('Mapping done.');
    // Pasted markup is sanitised before it enters the page: the handler never exists, so it never runs.
    await editor.evaluate((el) => {
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<img src="x" onerror="window.__xss = 1"><script>window.__xss = 2</script><p>Pasted <a href="javascript:alert(1)">link</a></p>',
      );
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    expect(await editor.locator('img, script').count()).toBe(0);
    await page.getByRole('toolbar', { name: 'Formatting: Achievements' }).getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('.narrative-preview').first();
    await expect.poll(() => preview.innerHTML()).toContain('<strong>Mapping done.');
    expect(await preview.innerHTML()).toContain('Pasted link');
    expect(await preview.locator('a').count()).toBe(0);
    expect(await preview.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.getByRole('button', { name: 'Save narrative' }).click();
    await expect.poll(() => page.getByText('Narrative saved.').count()).toBe(1);
    await screenshot(page, 'manager-report-draft');

    await page.getByRole('button', { name: 'Submit report' }).click();
    await expect.poll(() => page.locator('.page-lead .badge').textContent()).toBe('Submitted');
    await expect.poll(() => page.getByText(/Data frozen at submission on/).count()).toBe(1);
    await page.getByRole('link', { name: 'Compare with previous' }).click();
    await waitForPage(page);
    await screenshot(page, 'manager-report-compare');
    expect(errors).toEqual([]);
  });
});
