import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ActivityStatusForm } from '@/features/activities/components/activity-status-form';
import { setCsrfToken } from '@/lib/api-client';
import { buildActivity, json, mockFetch, renderWithApp } from './test-utils';

describe('ActivityStatusForm', () => {
  it('sends version, status, percent complete and the note with the CSRF token, then confirms', async () => {
    const user = userEvent.setup();
    const activity = buildActivity({ id: 7, version: 3, status: 'planned', percentComplete: 0 });
    setCsrfToken('csrf-123');
    const { calls } = mockFetch({
      'PATCH /api/activities/7': ({ body }) => json({ ...activity, ...(body as object), version: 4 }),
      'GET /api/activities/7/history': () => json({ items: [], total: 0 }),
    });
    renderWithApp(<ActivityStatusForm activity={activity} />);

    await user.selectOptions(screen.getByLabelText(/^Status/), 'In progress');
    const percent = screen.getByLabelText(/^Percent complete/);
    await user.clear(percent);
    await user.type(percent, '40');
    await user.type(screen.getByLabelText(/^Note/), 'Venue booked with the Ministry of Labour');
    await user.click(screen.getByRole('button', { name: 'Save status' }));

    expect(await screen.findByText('Status saved.')).toBeInTheDocument();
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.url.pathname).toBe('/api/activities/7');
    expect(patch?.body).toEqual({
      version: 3,
      status: 'in_progress',
      percentComplete: 40,
      note: 'Venue booked with the Ministry of Labour',
    });
    expect(patch?.headers.get('X-CSRF-Token')).toBe('csrf-123');
    // The note went into the history; the field is empty for the next update.
    expect(screen.getByLabelText(/^Note/)).toHaveValue('');
  });

  it('on a 409 version conflict keeps what was typed, explains it, and reloads the latest version on request', async () => {
    const user = userEvent.setup();
    const activity = buildActivity({ id: 8, version: 3, status: 'planned', percentComplete: 0 });
    const current = { ...activity, version: 5, status: 'on_hold' as const, percentComplete: 20 };
    const { calls } = mockFetch({
      'PATCH /api/activities/8': ({ body }) =>
        (body as { version: number }).version === 3
          ? json({ error: { code: 'VERSION_CONFLICT', message: 'Stale version', details: { current } } }, 409)
          : json({ ...current, ...(body as object), version: 6 }),
      'GET /api/activities/8/history': () => json({ items: [], total: 0 }),
    });
    renderWithApp(<ActivityStatusForm activity={activity} />);

    await user.selectOptions(screen.getByLabelText(/^Status/), 'Completed');
    await user.type(screen.getByLabelText(/^Note/), 'Final report filed');
    await user.click(screen.getByRole('button', { name: 'Save status' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this while you were editing.');
    expect(screen.getByLabelText(/^Status/)).toHaveValue('completed');
    expect(screen.getByLabelText(/^Percent complete/)).toHaveValue(100);
    expect(screen.getByLabelText(/^Note/)).toHaveValue('Final report filed');
    expect(screen.queryByText('Status saved.')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Reload latest version' }));
    expect(screen.getByLabelText(/^Status/)).toHaveValue('on_hold');
    expect(screen.getByLabelText(/^Percent complete/)).toHaveValue(20);
    expect(screen.getByLabelText(/^Note/)).toHaveValue('Final report filed');

    await user.click(screen.getByRole('button', { name: 'Save status' }));
    expect(await screen.findByText('Status saved.')).toBeInTheDocument();
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(patches[1]?.body).toEqual({ version: 5, status: 'on_hold', percentComplete: 20, note: 'Final report filed' });
  });

  it('refuses a percent above 100 next to the field without calling the server', async () => {
    const user = userEvent.setup();
    const activity = buildActivity({ id: 9 });
    const { calls } = mockFetch({});
    renderWithApp(<ActivityStatusForm activity={activity} />);

    const percent = screen.getByLabelText(/^Percent complete/);
    await user.clear(percent);
    await user.type(percent, '150');
    await user.click(screen.getByRole('button', { name: 'Save status' }));

    await waitFor(() => expect(percent).toHaveAttribute('aria-invalid', 'true'));
    expect(percent).toHaveAccessibleDescription(/not valid/);
    expect(calls).toHaveLength(0);
  });

  it('shows the server field issues of a 400 next to the field', async () => {
    const user = userEvent.setup();
    const activity = buildActivity({ id: 10, version: 2 });
    mockFetch({
      'PATCH /api/activities/10': () =>
        json(
          {
            error: {
              code: 'VALIDATION_FAILED',
              message: 'Invalid body',
              details: { issues: [{ path: 'note', message: 'At most 1000 characters' }] },
            },
          },
          400,
        ),
    });
    renderWithApp(<ActivityStatusForm activity={activity} />);

    await user.type(screen.getByLabelText(/^Note/), 'x');
    await user.click(screen.getByRole('button', { name: 'Save status' }));

    expect(await screen.findByText('At most 1000 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Note/)).toHaveAttribute('aria-invalid', 'true');
  });
});
