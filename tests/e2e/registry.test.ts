import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayIso } from '../../shared/calc/dates';
import { screenshot, signInThroughForm, watchErrors } from './harness';
import { useBrowserApp } from './browser-app';

const e2e = useBrowserApp();

const PROJECT = 'Diaspora skills and investment partnership (illustrative follow-up)';

async function openPage(width = 1280): Promise<{ page: Page; errors: string[] }> {
  const context = await e2e.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

/** A small mapping survey: six people in Russia, six in Kazakhstan, and one row repeating an e-mail. */
function surveyCsv(): string {
  const rows = [['Full name', 'Sex', 'Country', 'E-mail', 'Group', 'Consent', 'Occupation']];
  const women = ['Zarina', 'Madina', 'Nigina', 'Sitora', 'Firuza', 'Malika'];
  const men = ['Rustam', 'Farhod', 'Umed', 'Parviz', 'Behruz', 'Anvar'];
  [...women, ...men].forEach((first, i) => {
    const country = i % 2 === 0 ? 'Russia' : 'Kazakhstan';
    rows.push([`${first} Surveyova${i}`, i < 6 ? 'F' : 'M', country, `${first.toLowerCase()}.survey${i}@example.org`, 'diaspora', 'yes', 'Engineer']);
  });
  rows.push(['Zarina S.', 'F', 'Russia', 'zarina.survey0@example.org', 'diaspora', 'yes', 'Engineer']);
  return `${rows.map((r) => r.join(',')).join('\n')}\n`;
}

describe('The diaspora registry in the browser', () => {
  it('a manager imports a mapping survey, sees the map, records attendance at a trust-building event and proposes an indicator value from it', async () => {
    const { page, errors } = await openPage();
    await signInThroughForm(page, e2e.app.baseUrl, 'manager@example.org');
    await page.getByRole('link', { name: PROJECT }).click();
    await page.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
    await page.getByRole('link', { name: 'Diaspora registry' }).click();
    await page.getByRole('heading', { level: 1, name: 'Diaspora registry' }).waitFor();

    // Import: file → mapping → check → a decision for the duplicate → commit.
    await page.getByRole('link', { name: 'Import mapping survey' }).click();
    await page
      .getByLabel('Survey file')
      .setInputFiles({ name: 'mapping-survey.csv', mimeType: 'text/csv', buffer: Buffer.from(surveyCsv(), 'utf8') });
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.getByRole('heading', { name: 'Which column holds what?' }).waitFor();
    // The server's suggestion fills the mapping from the headings.
    expect(await page.locator('#map-name').inputValue()).toBe('Full name');
    expect(await page.locator('#map-country').inputValue()).toBe('Country');
    await page.locator('#map-occupation').selectOption('Occupation');
    await page.getByLabel('Purpose').fill('Diaspora skills mapping for DEMO-TJ-02');
    await page.getByLabel('Privacy notice version').fill('DEMO-notice-v1');
    await screenshot(page, 'registry-import-mapping');
    await page.getByRole('button', { name: 'Check the rows' }).click();

    await page.getByText('Possible duplicates').waitFor();
    await page.getByLabel('What to do with row 14').selectOption({ label: 'Skip this row' });
    await page.getByText('Everything is settled: the file can be imported.').waitFor();
    await screenshot(page, 'registry-import-review');
    await page.getByRole('button', { name: 'Import 13 rows' }).click();
    await page.getByText('The survey has been imported.').waitFor();
    expect(await page.getByText(/Added: 12\. Merged into existing people: 0\. Skipped: 1\. Consents recorded: 12\./).isVisible()).toBe(true);

    // The distribution: counts on the world map and in tables.
    await page.getByRole('link', { name: 'See the distribution' }).click();
    await page.getByRole('heading', { level: 1, name: 'Diaspora distribution' }).waitFor();
    const map = page.locator('svg.world-map');
    await map.waitFor();
    expect(await map.locator('path[data-country="RU"] title').textContent()).toBe('Russia: 6');
    expect(await map.locator('path[data-country="KZ"] title').textContent()).toBe('Kazakhstan: 6');
    await screenshot(page, 'registry-summary-manager');

    // Attendance at the trust-building series, dated today so that the current period counts it.
    await page.goto(`${e2e.app.baseUrl}/projects`);
    await page.getByRole('link', { name: PROJECT }).click();
    await page.getByRole('link', { name: 'Expert assignment round 1' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Expert assignment round 1' }).waitFor();
    await page.getByLabel('Name or e-mail').fill('Zarina Surveyova0');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByLabel('Date of attendance (optional)').fill(todayIso());
    await page.getByRole('button', { name: 'Add Zarina Surveyova0' }).click();
    await page.getByText('Zarina Surveyova0 was added.').waitFor();
    const attendees = page.getByRole('table', { name: 'People who attended' });
    await attendees.getByRole('rowheader', { name: 'Zarina Surveyova0' }).waitFor();
    await screenshot(page, 'registry-attendance-manager');

    // A draft indicator value proposed from attendance.
    const indicator = e2e.app.db.$client
      .prepare('SELECT id FROM indicators WHERE title = ?')
      .get('Diaspora professionals registered on the expert roster') as { id: number };
    await page.goto(`${e2e.app.baseUrl}/indicators/${indicator.id}`);
    await page.getByRole('heading', { name: 'Propose a value from attendance' }).waitFor();
    await page.getByRole('button', { name: 'Propose from attendance' }).click();
    await page.getByText(/A draft value of 1 was created for/).waitFor();
    expect(await page.getByText('It is a draft: review it, then submit it for approval.').isVisible()).toBe(true);
    const row = e2e.app.db.$client
      .prepare(
        "SELECT v.status, v.value FROM indicator_values v JOIN indicator_periods p ON p.id = v.period_id WHERE p.indicator_id = ? AND p.start <= date('now') AND p.end >= date('now')",
      )
      .get(indicator.id);
    expect(row).toEqual({ status: 'draft', value: 1 });
    await screenshot(page, 'registry-propose-from-attendance');

    // No personal data in any address the browser visited.
    expect(page.url()).not.toMatch(/Zarina|example\.org/);
    expect(errors).toEqual([]);
  });

  it('a donor sees only the aggregates: the distribution and attendance counts, never a list of people or a name', async () => {
    const { page, errors } = await openPage(360);
    await signInThroughForm(page, e2e.app.baseUrl, 'donor@example.org');
    await page.getByRole('link', { name: 'Engaging the Tajik Diaspora in Development' }).click();
    await page.getByRole('heading', { level: 1, name: 'Engaging the Tajik Diaspora in Development' }).waitFor();
    expect(await page.getByRole('link', { name: 'Diaspora registry' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Diaspora distribution' }).click();
    await page.getByRole('heading', { level: 1, name: 'Diaspora distribution' }).waitFor();
    await page.locator('svg.world-map').waitFor();
    expect(await page.getByText('People in the registry', { exact: true }).isVisible()).toBe(true);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/@example\.org|Normatova|Sharifov/);
    expect(await page.getByRole('link', { name: 'Diaspora registry' }).count()).toBe(0);
    await screenshot(page, 'registry-summary-donor-360');

    // The people list is not for donors: its address leads back to the distribution.
    const projectPath = new URL(page.url()).pathname.replace(/\/registry\/summary$/, '');
    await page.goto(`${e2e.app.baseUrl}${projectPath}/registry`);
    await page.getByRole('heading', { level: 1, name: 'Diaspora distribution' }).waitFor();
    expect(page.url()).toMatch(/\/registry\/summary$/);

    // Attendance of a trust-building series: counts only.
    await page.goto(`${e2e.app.baseUrl}${projectPath}`);
    await page.getByRole('link', { name: 'Joint trust-building events between the Government and the diaspora' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Joint trust-building events between the Government and the diaspora' }).waitFor();
    await page.getByText('Only the counts are shown to you; the list of people is personal data.').waitFor();
    expect(await page.getByText('People engaged').isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: 'People who attended' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add a new person' }).count()).toBe(0);
    await screenshot(page, 'registry-attendance-donor-360');
    expect(errors).toEqual([]);
  });
});
