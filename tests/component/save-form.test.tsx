import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Milestone } from '@shared/schemas/timeline';
import type { Results } from '@shared/schemas/results';
import { ResultsFramework } from '@/features/results/components/results-framework';
import { MilestonesPanel } from '@/features/timeline/components/milestones-panel';
import { i18n } from '@/lib/i18n';
import { json, mockFetch, renderWithApp } from './test-utils';

function buildMilestone(overrides: Partial<Milestone> = {}): Milestone {
  return {
    id: 41,
    projectId: 2,
    activityId: 9,
    kind: 'milestone',
    title: 'Mapping report published',
    dueDate: '2013-09-30',
    doneDate: null,
    evidenceNote: '',
    status: 'upcoming',
    illustrative: false,
    version: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const list = (items: Milestone[]) => json({ items, total: items.length });

describe('useSaveForm through the milestone form', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('an empty new milestone is checked with the shared schema: field errors next to title and due date, nothing sent', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ 'GET /api/projects/2/milestones': () => list([]) });
    renderWithApp(<MilestonesPanel projectId={2} activityId={9} canEdit />);

    await user.click(await screen.findByRole('button', { name: 'Add milestone' }));
    const form = screen.getByRole('heading', { name: 'Add milestone' }).nextElementSibling as HTMLElement;
    await user.click(within(form).getByRole('button', { name: 'Add milestone' }));

    expect(screen.getByLabelText(/^Name/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Name/).closest('.field')).toHaveTextContent('Required.');
    expect(screen.getByLabelText(/^Due date/)).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('in Russian the same field errors read in Russian', async () => {
    await i18n.changeLanguage('ru');
    const user = userEvent.setup();
    mockFetch({ 'GET /api/projects/2/milestones': () => list([]) });
    renderWithApp(<MilestonesPanel projectId={2} activityId={9} canEdit />);

    await user.click(await screen.findByRole('button', { name: 'Добавить контрольную точку' }));
    const form = screen.getByRole('heading', { name: 'Добавить контрольную точку' }).nextElementSibling as HTMLElement;
    await user.click(within(form).getByRole('button', { name: 'Добавить контрольную точку' }));

    const title = within(form).getByLabelText(/^Название/);
    expect(title.closest('.field')).toHaveTextContent('Обязательное поле.');
    expect(form).not.toHaveTextContent('Required');
  });

  it('a 409 on save keeps what was typed, says so, and after Reload the next save carries the newer version', async () => {
    const user = userEvent.setup();
    const milestone = buildMilestone();
    const current = { ...milestone, version: 5, evidenceNote: 'Decree 12' };
    const { calls } = mockFetch({
      'GET /api/projects/2/milestones': () => list([milestone]),
      'PATCH /api/milestones/41': ({ body }) =>
        (body as { version: number }).version === 3
          ? json({ error: { code: 'VERSION_CONFLICT', message: 'Stale version', details: { current } } }, 409)
          : json({ ...current, ...(body as object), version: 6 }),
    });
    renderWithApp(<MilestonesPanel projectId={2} activityId={9} canEdit />);

    await user.click(await screen.findByRole('button', { name: /^Edit\s*Mapping report published/ }));
    const title = screen.getByLabelText(/^Name/);
    await user.clear(title);
    await user.type(title, 'Mapping report launched');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Someone else changed this while you were editing.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveValue('Mapping report launched');

    await user.click(screen.getByRole('button', { name: 'Reload latest version' }));
    expect(screen.queryByText('Someone else changed this while you were editing.')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument());
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches.map((p) => (p.body as { version: number }).version)).toEqual([3, 5]);
    expect(patches[1]?.body).toMatchObject({ title: 'Mapping report launched' });
  });
});

describe('useSaveForm through the outcome rename', () => {
  it('a 409 on rename shows the conflict; Reload puts the text saved meanwhile in the form and the next save carries its version', async () => {
    const user = userEvent.setup();
    const outcome = { id: 11, projectId: 2, code: '1', title: 'Diaspora engaged', description: '', position: 1, version: 2 };
    const current = { ...outcome, title: 'Diaspora engaged in development', version: 4 };
    const results: Results = {
      projectId: 2,
      goal: '',
      goalIndicators: [],
      outcomes: [{ ...outcome, indicators: [], rag: 'none', ragCounts: {}, outputs: [] } as unknown as Results['outcomes'][number]],
    };
    const { calls } = mockFetch({
      'PATCH /api/outcomes/11': ({ body }) =>
        (body as { version: number }).version === 2
          ? json({ error: { code: 'VERSION_CONFLICT', message: 'Stale version', details: { current } } }, 409)
          : json({ ...current, ...(body as object), version: 5 }),
      'GET /api/projects/2/results': () => json(results),
    });
    renderWithApp(<ResultsFramework results={results} projectId={2} editable />);

    await user.click(screen.getByRole('button', { name: /^Rename/ }));
    const title = screen.getByLabelText(/^Outcome title/);
    await user.clear(title);
    await user.type(title, 'Diaspora invested');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Someone else changed this while you were editing.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Outcome title/)).toHaveValue('Diaspora invested');
    await user.click(screen.getByRole('button', { name: 'Reload latest version' }));
    expect(screen.getByLabelText(/^Outcome title/)).toHaveValue('Diaspora engaged in development');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PATCH')[1]?.body).toEqual({ version: 4, title: 'Diaspora engaged in development', description: '' });
  });
});
