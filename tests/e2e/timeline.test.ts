import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, signInThroughForm, watchErrors } from './harness';
import { useBrowserApp } from './browser-app';

const e2e = useBrowserApp();

async function signIn(email: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const context = await e2e.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signInThroughForm(page, e2e.app.baseUrl, email);
  return { page, errors };
}

async function openTimeline(page: Page, projectTitle: string): Promise<void> {
  await page.getByRole('link', { name: projectTitle }).click();
  await page.getByRole('heading', { level: 1, name: projectTitle }).waitFor();
  await page.getByRole('link', { name: 'Timeline', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Timeline' }).waitFor();
  await page.locator('.gantt-row-activity').first().waitFor();
}

describe('The timeline of a project in the browser', () => {
  it('a manager sees planned and actual bars with slippage flagged in words, and a bar opens its activity', async () => {
    const { page, errors } = await signIn('manager@example.org');
    await openTimeline(page, 'Engaging the Tajik Diaspora in Development');

    // Six activities of CE.0219, each with a planned bar; those that ran have an actual bar.
    expect(await page.locator('[data-testid^="planned-"]').count()).toBe(6);
    expect(await page.locator('[data-testid^="actual-"]').count()).toBeGreaterThanOrEqual(5);
    // Behind schedule is said in words, not by colour alone.
    const slip = page
      .locator('.gantt-slip')
      .filter({ hasText: /Finished \d+ days? late/ })
      .first();
    expect(await slip.isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: 'Zoom' }).isVisible()).toBe(true);
    await screenshot(page, 'timeline-manager-ce0219');

    // The same data as a table, for screen readers.
    await page.getByRole('button', { name: 'Table', exact: true }).click();
    const table = page.getByRole('region', { name: 'Activities with planned and actual dates' });
    expect(await table.getByRole('row', { name: /^Mapping and inventory of the Tajik diaspora/ }).textContent()).toMatch(/Finished \d+ days late/);
    await page.getByRole('button', { name: 'Chart', exact: true }).click();

    const bars = page.getByRole('link', { name: /^Joint Government–IOM seminars on migration challenges\. Planned:/ });
    await bars.locator('.gantt-bar-planned').click();
    await page.getByRole('heading', { level: 1, name: 'Joint Government–IOM seminars on migration challenges' }).waitFor();
    expect(page.url()).toMatch(/\/activities\/\d+$/);
    // The series' seminars are listed on the activity page.
    await page.getByRole('heading', { name: 'Events of this series' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Seminar 2: return and reintegration' }).count()).toBe(1);
    await screenshot(page, 'timeline-manager-activity-sub-events');

    expect(errors).toEqual([]);
  });

  it('a manager moves an activity with the keyboard, mends a broken dependency, and is warned when moving it back breaks it', async () => {
    const { page, errors } = await signIn('manager@example.org');
    await openTimeline(page, 'Diaspora skills and investment partnership (illustrative follow-up)');
    const summary = page.getByText(/1 dependency is broken: “Expert assignment round 1” must finish before “Exchange visit/);
    await summary.waitFor();

    const bars = page.getByRole('link', { name: /^Expert assignment round 1\. Planned:/ });
    await bars.focus();
    // Two weeks earlier, round 1 ends before the exchange visit starts.
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Enter');
    await page.getByText('New dates of “Expert assignment round 1” saved.').waitFor();
    await summary.waitFor({ state: 'detached' });

    // And back again: the preview warns before saving, the server's check after.
    await bars.focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.getByText(/This change would break a dependency: “Expert assignment round 1” must finish before “Exchange visit/).waitFor();
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'now breaks a dependency' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      '“Expert assignment round 1” must finish before “Exchange visit to a diaspora-engagement agency” starts',
    );
    await summary.waitFor();
    await screenshot(page, 'timeline-manager-dependency-warning');

    expect(errors).toEqual([]);
  });

  it('a donor reads the timeline without any control to change dates, also on a phone', async () => {
    const { page, errors } = await signIn('donor@example.org', { width: 360, height: 780 });
    await openTimeline(page, 'Engaging the Tajik Diaspora in Development');
    expect(await page.getByText('You can read the timeline; your role cannot change dates.').isVisible()).toBe(true);
    expect(await page.locator('.gantt-edit').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add milestone' }).count()).toBe(0);
    // The chart scrolls inside its box; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'timeline-donor-360');
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1120, height: 790 });
    await page.locator('.gantt-scroll').first().waitFor();
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    await screenshot(page, 'timeline-donor-print');

    expect(errors).toEqual([]);
  });
});
