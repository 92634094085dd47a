import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Portfolio } from '@/features/projects/components/portfolio';
import { buildProject, json, mockFetch, renderWithApp, type RecordedCall } from './test-utils';

const listCalls = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'GET' && c.url.pathname === '/api/projects');
const lastQuery = (calls: RecordedCall[]) => Object.fromEntries(listCalls(calls).at(-1)?.url.searchParams ?? []);

function setup(url: string) {
  const project = buildProject({ id: 1, code: 'CE.0219', title: 'Engaging the Tajik Diaspora in Development' });
  const demo = buildProject({
    id: 2,
    code: 'DEMO.1',
    title: 'Labour mobility pilot',
    illustrative: true,
    budget: { amount: '80000', currency: 'EUR' },
  });
  const mock = mockFetch({ 'GET /api/projects': () => json({ items: [project, demo], total: 2 }) });
  const app = renderWithApp(<Portfolio projectHref={(id) => `/projects/${id}`} />, { url, path: '/projects' });
  return { ...mock, ...app };
}

describe('Portfolio filters', () => {
  it('reads the filters from the URL and asks the list for them', async () => {
    const { calls } = setup('/projects?status=completed&region=asia_oceania&memberState=TJ&year=2013&q=diaspora');

    await screen.findByRole('link', { name: 'Engaging the Tajik Diaspora in Development' });
    expect(lastQuery(calls)).toEqual({
      status: 'completed',
      region: 'asia_oceania',
      memberState: 'TJ',
      year: '2013',
      q: 'diaspora',
      page: '1',
      pageSize: '25',
    });
    expect(screen.getByLabelText('Project status')).toHaveValue('completed');
    expect(screen.getByLabelText('Member state')).toHaveValue('TJ');
    expect(screen.getByLabelText('Search by title or ID')).toHaveValue('diaspora');
  });

  it('writes a chosen filter to the URL, keeps the others, and reloads the list with it', async () => {
    const user = userEvent.setup();
    const { calls, router } = setup('/projects?status=completed&page=3');
    await screen.findByRole('link', { name: 'Engaging the Tajik Diaspora in Development' });

    await user.selectOptions(screen.getByLabelText('Project type'), 'Community and Economic Development');

    await waitFor(() => expect(lastQuery(calls).type).toBe('community_economic_development'));
    const search = new URLSearchParams(router.state.location.search);
    expect(search.get('type')).toBe('community_economic_development');
    expect(search.get('status')).toBe('completed');
    // A new filter starts again on the first page.
    expect(search.get('page')).toBeNull();
    expect(lastQuery(calls)).toMatchObject({ status: 'completed', type: 'community_economic_development', page: '1' });
  });

  it('searches by title or ID on submit and clears every filter at once', async () => {
    const user = userEvent.setup();
    const { calls, router } = setup('/projects?region=europe');
    await screen.findByRole('link', { name: 'Engaging the Tajik Diaspora in Development' });

    await user.type(screen.getByLabelText('Search by title or ID'), 'CE.0219{Enter}');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('q')).toBe('CE.0219'));
    await waitFor(() => expect(lastQuery(calls)).toMatchObject({ q: 'CE.0219', region: 'europe' }));

    await user.click(screen.getByRole('button', { name: 'Clear all filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(lastQuery(calls)).toEqual({ page: '1', pageSize: '25' });
    expect(screen.getByLabelText('Search by title or ID')).toHaveValue('');
  });

  it('drops a parameter the API would refuse instead of failing the whole list', async () => {
    const { calls } = setup('/projects?status=bogus&year=13&type=research');
    await screen.findByRole('link', { name: 'Engaging the Tajik Diaspora in Development' });
    expect(lastQuery(calls)).toEqual({ type: 'research', page: '1', pageSize: '25' });
  });

  it('shows the record fields: country names, budget with currency, and an Illustrative badge only on demo projects', async () => {
    setup('/projects');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    const record = rows.find((r) => r.textContent?.includes('CE.0219'));
    const demo = rows.find((r) => r.textContent?.includes('DEMO.1'));
    expect(record).toHaveTextContent('Tajikistan');
    expect(record).toHaveTextContent(/USD\s150,000\.00/);
    expect(record).toHaveTextContent('2013–2014');
    expect(record).not.toHaveTextContent('Illustrative');
    expect(demo).toHaveTextContent('Illustrative');
    expect(demo).toHaveTextContent(/EUR\s80,000\.00/);
    expect(screen.getByText('2 projects')).toBeInTheDocument();
  });
});
