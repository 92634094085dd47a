import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Results } from '@shared/schemas/results';
import { ActivityDetails } from '@/features/activities/components/activity-details';
import { ActivityForm } from '@/features/activities/components/activity-form';
import { ProjectStatusSummary } from '@/features/projects/components/project-status-summary';
import { SubEventsPanel } from '@/features/timeline/components/sub-events-panel';
import { buildActivity, buildProject, json, mockFetch, renderWithApp } from './test-utils';

const framework: Results = {
  projectId: 1,
  goal: '',
  goalIndicators: [],
  outcomes: [
    {
      id: 1,
      projectId: 1,
      code: '1',
      title: 'Diaspora engaged',
      description: '',
      position: 1,
      version: 1,
      indicators: [],
      rag: 'not_computable',
      ragCounts: { on_track: 0, at_risk: 0, off_track: 0, not_computable: 0 },
      outputs: [],
    },
  ],
};

const fromAttendance = {
  participants: { women: 2, men: 3, government: 1, diaspora: 4, civilSociety: 0, international: 0 },
  participantsSource: 'attendance' as const,
  attendeeCount: 6,
};

describe('ActivityDetails: participants', () => {
  it('marks counts from attendance with the number of people, and totals everyone recorded', () => {
    renderWithApp(<ActivityDetails activity={buildActivity(fromAttendance)} />);
    expect(screen.getByText('From attendance (6 people)')).toBeInTheDocument();
    // Six people, one of them of unstated sex: the total is not women + men.
    const bySex = screen.getByRole('table', { name: 'By sex' });
    expect(within(bySex).getByRole('row', { name: /Total/ })).toHaveTextContent('6');
  });

  it('marks entered counts as entered, and totals women and men', () => {
    const participants = { women: 10, men: 12, government: null, diaspora: null, civilSociety: null, international: null };
    renderWithApp(<ActivityDetails activity={buildActivity({ participants })} />);
    expect(screen.getByText('As entered')).toBeInTheDocument();
    expect(screen.queryByText(/From attendance/)).not.toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'By sex' })).getByRole('row', { name: /Total/ })).toHaveTextContent('22');
  });
});

describe('ActivityForm: participants', () => {
  it('shows counts from attendance read-only with the reason, and saves the rest without them', async () => {
    const user = userEvent.setup();
    const activity = buildActivity({ id: 21, outcomeId: 1, version: 4, ...fromAttendance });
    const { calls } = mockFetch({
      'PATCH /api/activities/21': ({ body }) => json({ ...activity, ...(body as object), version: 5 }),
    });
    renderWithApp(<ActivityForm projectId={1} framework={framework} activity={activity} onSaved={() => {}} onCancel={() => {}} />);

    const women = screen.getByLabelText('Women');
    expect(women).toHaveAttribute('readonly');
    expect(women).toHaveValue(2);
    expect(screen.getByText(/These counts come from the attendance records/)).toBeInTheDocument();
    expect(screen.getByText('From attendance (6 people)')).toBeInTheDocument();
    await user.type(women, '9');
    expect(women).toHaveValue(2);

    const location = screen.getByLabelText('Location');
    await user.clear(location);
    await user.type(location, 'Khujand');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const body = calls.find((c) => c.method === 'PATCH')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ version: 4, location: 'Khujand' });
    expect(body).not.toHaveProperty('participants');
  });

  it('lets entered counts be edited and sends them', async () => {
    const user = userEvent.setup();
    const activity = buildActivity({ id: 22, outcomeId: 1, version: 2 });
    const { calls } = mockFetch({
      'PATCH /api/activities/22': ({ body }) => json({ ...activity, ...(body as object), version: 3 }),
    });
    renderWithApp(<ActivityForm projectId={1} framework={framework} activity={activity} onSaved={() => {}} onCancel={() => {}} />);

    const women = screen.getByLabelText('Women');
    expect(women).not.toHaveAttribute('readonly');
    expect(screen.getByText('Leave empty when the number is not known; 0 means nobody.')).toBeInTheDocument();
    await user.type(women, '14');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ version: 2, participants: { women: 14, men: null } });
  });
});

describe("SubEventsPanel: counts from an event's attendance", () => {
  const entered = { women: 4, men: 5, government: null, diaspora: null, civilSociety: null, international: null };
  const event = (id: number, title: string, reported: object) => ({
    id,
    projectId: 1,
    activityId: 9,
    title,
    date: '2026-02-10',
    endDate: null,
    place: 'Dushanbe',
    notes: '',
    illustrative: false,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...reported,
  });

  it('marks the event counted from attendance, shows its counts read-only, and saves its other fields without them', async () => {
    const user = userEvent.setup();
    const seminar = event(41, 'Seminar 1', fromAttendance);
    const { calls } = mockFetch({
      'GET /api/activities/9/sub-events': () =>
        json({
          items: [seminar, event(42, 'Seminar 2', { participants: entered, participantsSource: 'entered', attendeeCount: 0 })],
          total: 2,
          ...fromAttendance,
          participantsFromSubEvents: false,
        }),
      'PATCH /api/sub-events/41': ({ body }) => json({ ...seminar, ...(body as object), version: 2 }),
    });
    renderWithApp(<SubEventsPanel activityId={9} canEdit />);

    const row = (await screen.findByRole('rowheader', { name: /Seminar 1/ })).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('From attendance (6 people)');
    expect(screen.getByRole('rowheader', { name: 'Seminar 2' })).not.toHaveTextContent('From attendance');
    expect(screen.getByText(/each counted once across its events/)).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: /^Edit/ }));
    const women = screen.getByLabelText('Women');
    expect(women).toHaveAttribute('readonly');
    expect(screen.getByText(/These counts come from the attendance records/)).toBeInTheDocument();
    const place = screen.getByLabelText('Place');
    await user.clear(place);
    await user.type(place, 'Khujand');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const body = calls.find((c) => c.method === 'PATCH')?.body as Record<string, unknown>;
    expect(body).toMatchObject({ version: 1, place: 'Khujand' });
    expect(body).not.toHaveProperty('participants');
  });
});

describe('ProjectStatusSummary: participants', () => {
  it("sums the activities' totals and says how many come from attendance", () => {
    const entered = { women: 10, men: 12, government: null, diaspora: null, civilSociety: null, international: null };
    renderWithApp(
      <ProjectStatusSummary
        project={buildProject()}
        activities={[buildActivity({ participants: entered }), buildActivity(fromAttendance), buildActivity()]}
      />,
    );
    expect(screen.getByText('28')).toBeInTheDocument();
    expect(
      screen.getByText('Summed over activities with counts: 2, of them from attendance: 1. Someone at two activities counts at each.'),
    ).toBeInTheDocument();
  });
});
