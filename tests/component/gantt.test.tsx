import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Timeline, TimelineActivity } from '@shared/schemas/timeline';
import { Gantt } from '@/features/timeline/components/gantt';
import { GanttTable } from '@/features/timeline/components/gantt-table';
import { setCsrfToken } from '@/lib/api-client';
import { buildActivity, json, mockFetch, renderWithApp } from './test-utils';

const NONE = { women: null, men: null, government: null, diaspora: null, civilSociety: null, international: null };

function row(overrides: Partial<TimelineActivity> = {}): TimelineActivity {
  return {
    id: 7,
    outcomeId: 1,
    outputId: null,
    kind: 'national_forum',
    title: 'National forum on diaspora engagement',
    status: 'in_progress',
    plannedStart: '2013-03-01',
    plannedEnd: '2013-06-30',
    actualStart: '2013-03-10',
    actualEnd: null,
    percentComplete: 40,
    flag: 'overdue',
    startSlippageDays: 9,
    finishSlippageDays: 45,
    participants: NONE,
    participantsSource: 'entered',
    attendeeCount: 0,
    participantsFromSubEvents: false,
    illustrative: false,
    version: 3,
    milestones: [],
    subEvents: [],
    ...overrides,
  };
}

function timeline(activities: TimelineActivity[]): Timeline {
  return {
    projectId: 1,
    today: '2013-08-14',
    span: { start: '2013-01-01', end: '2014-12-31' },
    groups: [{ outcome: { id: 1, code: '1', title: 'Diaspora engaged' }, outputs: [], activities }],
    dependencies: [],
    milestones: [],
  };
}

describe('Gantt', () => {
  it('draws a planned and an actual bar per activity and says in words that a late one is overdue', () => {
    mockFetch({});
    renderWithApp(
      <Gantt
        timeline={timeline([
          row(),
          row({
            id: 8,
            title: 'Mapping of the diaspora',
            flag: null,
            finishSlippageDays: 0,
            actualStart: null,
            status: 'planned',
            plannedStart: '2013-09-01',
            plannedEnd: '2013-12-31',
          }),
        ])}
        canEdit={false}
        activityHref={(id) => `/activities/${id}`}
      />,
    );
    expect(screen.getByTestId('planned-7')).toBeInTheDocument();
    expect(screen.getByTestId('actual-7')).toBeInTheDocument();
    expect(screen.getByTestId('planned-8')).toBeInTheDocument();
    // Not started: no actual bar.
    expect(screen.queryByTestId('actual-8')).not.toBeInTheDocument();
    // The slippage is text (with an icon), not colour alone.
    expect(screen.getByText('Overdue by 45 days')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'National forum on diaspora engagement' })).toHaveAttribute('href', '/activities/7');
    // The bars themselves open the activity too.
    expect(screen.getByRole('link', { name: /^National forum on diaspora engagement\. Planned: .*Overdue by 45 days$/ })).toHaveAttribute(
      'href',
      '/activities/7',
    );
  });

  it('moves an activity two days later with the arrow keys and saves it on Enter with the version it was read at', async () => {
    const user = userEvent.setup();
    setCsrfToken('csrf-1');
    const { calls } = mockFetch({
      'PATCH /api/activities/7': ({ body }) =>
        json({ ...buildActivity({ id: 7, title: 'National forum on diaspora engagement' }), ...(body as object), version: 4 }),
      'GET /api/activities/7/dependencies': () => json({ activityId: 7, items: [], broken: [] }),
    });
    renderWithApp(<Gantt timeline={timeline([row()])} canEdit activityHref={(id) => `/activities/${id}`} />);

    const bars = screen.getByRole('link', { name: /^National forum on diaspora engagement\. Planned:/ });
    act(() => bars.focus());
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('status')).toHaveTextContent('(+2 days)');
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
    await user.keyboard('{Enter}');

    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.url.pathname).toBe('/api/activities/7');
    expect(patch?.body).toEqual({ version: 3, plannedStart: '2013-03-03', plannedEnd: '2013-07-02' });
    expect(patch?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(await screen.findByText('New dates of “National forum on diaspora engagement” saved.')).toBeInTheDocument();
  });

  it('warns when the saved dates break a dependency, as the server reports', async () => {
    const user = userEvent.setup();
    const broken = { id: 5, projectId: 1, from: 6, to: 7, type: 'finish_to_start' as const, broken: true };
    mockFetch({
      'PATCH /api/activities/7': ({ body }) =>
        json({ ...buildActivity({ id: 7, title: 'National forum on diaspora engagement' }), ...(body as object), version: 4 }),
      'GET /api/activities/7/dependencies': () => json({ activityId: 7, items: [broken], broken: [broken] }),
    });
    const data = timeline([
      row({
        id: 6,
        title: 'Mapping of the diaspora',
        flag: null,
        plannedStart: '2013-01-01',
        plannedEnd: '2013-02-28',
        actualStart: '2013-01-01',
        actualEnd: '2013-02-28',
        status: 'completed',
      }),
      row({ actualStart: null, status: 'planned', flag: 'late_start' }),
    ]);
    data.dependencies = [{ ...broken, broken: false }];
    renderWithApp(<Gantt timeline={data} canEdit activityHref={(id) => `/activities/${id}`} />);

    const bars = screen.getByRole('link', { name: /^National forum on diaspora engagement\. Planned:/ });
    act(() => bars.focus());
    await user.keyboard('{Shift>}{ArrowLeft}{ArrowLeft}{/Shift}');
    // The preview already tells before saving …
    expect(
      screen.getByText(
        /This change would break a dependency: “Mapping of the diaspora” must finish before “National forum on diaspora engagement” starts/,
      ),
    ).toBeInTheDocument();
    await user.keyboard('{Enter}');
    // … and the server's check confirms after saving.
    expect(await screen.findByRole('alert')).toHaveTextContent('now breaks a dependency');
  });

  it('Escape drops a pending keyboard move without calling the server', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({});
    renderWithApp(<Gantt timeline={timeline([row()])} canEdit activityHref={(id) => `/activities/${id}`} />);
    const bars = screen.getByRole('link', { name: /^National forum on diaspora engagement\. Planned:/ });
    act(() => bars.focus());
    await user.keyboard('{ArrowLeft}{Escape}');
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(calls).toHaveLength(0);
  });

  it('moves the planned bar by dragging it with the pointer', async () => {
    const { calls } = mockFetch({
      'PATCH /api/activities/7': ({ body }) => json({ ...buildActivity({ id: 7 }), ...(body as object), version: 4 }),
      'GET /api/activities/7/dependencies': () => json({ activityId: 7, items: [], broken: [] }),
    });
    renderWithApp(<Gantt timeline={timeline([row()])} canEdit activityHref={(id) => `/activities/${id}`} initialZoom="month" />);
    const planned = screen.getByTestId('planned-7');
    // Month zoom: 3.3 px a day, so 33 px is ten days.
    fireEvent.pointerDown(planned, { button: 0, clientX: 100, pointerId: 1 });
    fireEvent.pointerMove(planned, { clientX: 133, pointerId: 1 });
    fireEvent.pointerUp(planned, { clientX: 133, pointerId: 1 });
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ version: 3, plannedStart: '2013-03-11', plannedEnd: '2013-07-10' }),
    );
  });
});

describe('Gantt with dates stored before dates were bounded', () => {
  // Year 9999 and year 1 as an older server sent them: the span unbounded, the dates as stored.
  const farMilestone = {
    id: 31,
    projectId: 1,
    activityId: null,
    kind: 'milestone' as const,
    title: 'Far milestone',
    dueDate: '9999-12-31',
    doneDate: null,
    evidenceNote: '',
    status: 'upcoming' as const,
    illustrative: false,
    version: 1,
    createdAt: '',
    updatedAt: '',
  };
  const hostile = (): Timeline => ({
    ...timeline([row({ plannedStart: '2013-03-01', plannedEnd: '9999-12-31', actualStart: '0001-01-01', flag: null })]),
    span: { start: '0001-01-01', end: '9999-12-31' },
    milestones: [farMilestone],
  });
  const boundedYears = 2100 - 1990 + 1;

  it.each(['month', 'quarter', 'year'] as const)(
    'at %s zoom the axis spans at most 1990–2100, so the elements drawn stay few',
    (zoom) => {
      mockFetch({});
      const { container } = renderWithApp(
        <Gantt timeline={hostile()} canEdit={false} activityHref={(id) => `/activities/${id}`} initialZoom={zoom} />,
      );
      const ticks = container.querySelectorAll('.gantt-tick').length;
      const gridlines = container.querySelectorAll('.gantt-gridline').length;
      // At most a tick per month and one per year of the bounded range (8,000 years would be 100,000).
      expect(ticks).toBeGreaterThan(0);
      expect(ticks).toBeLessThanOrEqual(boundedYears * 13);
      expect(gridlines).toBeLessThanOrEqual(boundedYears * 12);
      const canvas = container.querySelector<HTMLElement>('.gantt-canvas');
      // 111 years at 3.3 px a day at most, plus the label column and the room for slippage.
      expect(Number.parseFloat(canvas?.style.width ?? 'Infinity')).toBeLessThan(boundedYears * 366 * 3.3 + 1_000);
      // A century of month ticks takes jsdom a few seconds; unbounded, it ran out of memory.
    },
    30_000,
  );

  it('cuts the bars and the milestone at the edge, marks them and says why above the chart', () => {
    mockFetch({});
    const { container } = renderWithApp(<Gantt timeline={hostile()} canEdit={false} activityHref={(id) => `/activities/${id}`} initialZoom="year" />);
    expect(screen.getByTestId('planned-7')).toHaveClass('gantt-bar-cut-end');
    expect(screen.getByTestId('planned-7')).not.toHaveClass('gantt-bar-cut-start');
    expect(screen.getByTestId('actual-7')).toHaveClass('gantt-bar-cut-start');
    const axisWidth = Number.parseFloat(container.querySelector<HTMLElement>('.gantt-head-axis')?.style.width ?? '0');
    const planned = screen.getByTestId('planned-7');
    expect(Number.parseFloat(planned.style.left) + Number.parseFloat(planned.style.width)).toBeLessThanOrEqual(axisWidth + 1);
    const milestone = container.querySelector<HTMLElement>('.gantt-milestone');
    expect(milestone).toHaveClass('gantt-milestone-cut');
    expect(Number.parseFloat(milestone?.style.left ?? 'Infinity')).toBeLessThanOrEqual(axisWidth);
    expect(screen.getByText(/Some dates lie outside .* they are cut off at the edge of the chart/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Runs beyond the chart/ })).toHaveAttribute('href', '/activities/7');
  });

  it('says nothing of cut dates when every date is within the bounds', () => {
    mockFetch({});
    const { container } = renderWithApp(<Gantt timeline={timeline([row()])} canEdit={false} activityHref={(id) => `/activities/${id}`} />);
    expect(screen.queryByText(/Some dates lie outside/)).not.toBeInTheDocument();
    expect(container.querySelector('.gantt-bar-cut-start, .gantt-bar-cut-end')).toBeNull();
  });
});

describe('GanttTable', () => {
  it('lists every activity with planned and actual dates and the slippage in words', () => {
    renderWithApp(<GanttTable timeline={timeline([row()])} activityHref={(id) => `/activities/${id}`} />);
    const table = screen.getByRole('table');
    expect(table).toHaveTextContent('Outcome 1: Diaspora engaged');
    expect(table).toHaveTextContent('Mar 1, 2013 – Jun 30, 2013');
    expect(table).toHaveTextContent('Overdue by 45 days');
    expect(screen.getByRole('link', { name: 'National forum on diaspora engagement' })).toHaveAttribute('href', '/activities/7');
  });
});
