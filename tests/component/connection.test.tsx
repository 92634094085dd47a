import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionBanner } from '@/components/ui/connection-banner';
import { ActivityStatusForm } from '@/features/activities/components/activity-status-form';
import { ProjectForm } from '@/features/projects/components/project-form';
import { reportNetworkSuccess } from '@/lib/connection';
import { buildActivity, buildProject, json, mockFetch, renderWithApp } from './test-utils';

/** What fetch does when the connection is gone: it rejects, and there is no response at all. */
const lost = (): never => {
  throw new TypeError('Failed to fetch');
};

afterEach(() => {
  reportNetworkSuccess();
});

describe('ConnectionBanner', () => {
  it('says so when the browser goes offline, and goes away when it is back online', () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    renderWithApp(<ConnectionBanner />);
    expect(screen.queryByText('You are offline.')).not.toBeInTheDocument();

    online.mockReturnValue(false);
    act(() => void window.dispatchEvent(new Event('offline')));
    expect(screen.getByRole('status')).toHaveTextContent('You are offline.');
    expect(screen.getByRole('status')).toHaveTextContent('What you have typed stays on this page');

    online.mockReturnValue(true);
    act(() => void window.dispatchEvent(new Event('online')));
    expect(screen.queryByText('You are offline.')).not.toBeInTheDocument();
  });
});

describe('A save that cannot reach the server', () => {
  it('keeps the status, percent and note in the form, says the server could not be reached, and sends them again with Try again', async () => {
    const user = userEvent.setup();
    const activity = buildActivity({ id: 21, version: 2, status: 'in_progress', percentComplete: 30 });
    let attempts = 0;
    const { calls } = mockFetch({
      'PATCH /api/activities/21': ({ body }) => {
        attempts += 1;
        return attempts === 1 ? lost() : json({ ...activity, ...(body as object), version: 3 });
      },
      'GET /api/activities/21/history': () => json({ items: [], total: 0 }),
    });
    renderWithApp(
      <>
        <ConnectionBanner />
        <ActivityStatusForm activity={activity} />
      </>,
    );

    await user.selectOptions(screen.getByLabelText(/^Status/), 'On hold');
    const percent = screen.getByLabelText(/^Percent complete/);
    await user.clear(percent);
    await user.type(percent, '45');
    await user.type(screen.getByLabelText(/^Note/), 'Waiting for the ministry to confirm the venue');
    await user.click(screen.getByRole('button', { name: 'Save status' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The server could not be reached. Check your connection and try again.');
    expect(screen.getByText('The server cannot be reached.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Status/)).toHaveValue('on_hold');
    expect(screen.getByLabelText(/^Percent complete/)).toHaveValue(45);
    expect(screen.getByLabelText(/^Note/)).toHaveValue('Waiting for the ministry to confirm the venue');
    expect(screen.queryByText('Status saved.')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Status saved.')).toBeInTheDocument();
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(patches[1]?.body).toEqual(patches[0]?.body);
    expect(patches[1]?.body).toEqual({ version: 2, status: 'on_hold', percentComplete: 45, note: 'Waiting for the ministry to confirm the venue' });
    // The server answered: the connection banner is gone.
    await waitFor(() => expect(screen.queryByText('The server cannot be reached.')).not.toBeInTheDocument());
  });

  it('keeps an edited project in its form and saves it with Try again', async () => {
    const user = userEvent.setup();
    const project = buildProject({ id: 31, version: 4, title: 'Diaspora investment forum' });
    let attempts = 0;
    const saved = vi.fn();
    const { calls } = mockFetch({
      'PATCH /api/projects/31': ({ body }) => {
        attempts += 1;
        return attempts === 1 ? lost() : json({ ...project, ...(body as object), version: 5 });
      },
    });
    renderWithApp(<ProjectForm project={project} onSaved={saved} onCancel={() => undefined} />);

    await user.type(screen.getByLabelText(/^Title/), ' 2014');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not be reached.');
    expect(screen.getByLabelText(/^Title/)).toHaveValue('Diaspora investment forum 2014');
    expect(saved).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(patches[1]?.body).toMatchObject({ version: 4, title: 'Diaspora investment forum 2014' });
  }, 20_000);

  it('offers no retry for a refusal that sending again cannot fix', async () => {
    const user = userEvent.setup();
    const activity = buildActivity({ id: 22 });
    mockFetch({
      'PATCH /api/activities/22': () => json({ error: { code: 'FORBIDDEN', message: 'No' } }, 403),
    });
    renderWithApp(<ActivityStatusForm activity={activity} />);
    await user.click(screen.getByRole('button', { name: 'Save status' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You do not have permission to do this.');
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });
});
