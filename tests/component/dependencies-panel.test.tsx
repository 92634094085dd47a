import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import { hasPermission } from '@shared/permissions';
import type { Dependency, Timeline, TimelineActivity } from '@shared/schemas/timeline';
import { DependenciesPanel } from '@/features/timeline/components/dependencies-panel';
import { setCsrfToken } from '@/lib/api-client';
import { json, mockFetch, renderWithApp } from './test-utils';

const NONE = { women: null, men: null, government: null, diaspora: null, civilSociety: null, international: null };

function activity(id: number, title: string, dates: Partial<TimelineActivity> = {}): TimelineActivity {
  return {
    id,
    outcomeId: 1,
    outputId: null,
    kind: 'national_forum',
    title,
    status: 'planned',
    plannedStart: null,
    plannedEnd: null,
    actualStart: null,
    actualEnd: null,
    percentComplete: 0,
    flag: null,
    startSlippageDays: null,
    finishSlippageDays: null,
    participants: NONE,
    participantsSource: 'entered',
    attendeeCount: 0,
    participantsFromSubEvents: false,
    illustrative: false,
    version: 1,
    milestones: [],
    subEvents: [],
    ...dates,
  };
}

const MAPPING = activity(1, 'Mapping of the diaspora', { plannedStart: '2013-01-15', plannedEnd: '2013-03-31' });
/** The activity whose page the panel is on. */
const FORUM = activity(2, 'National forum on diaspora engagement', { plannedStart: '2013-03-15', plannedEnd: '2013-04-30' });
const STUDY_TOUR = activity(3, 'Study tour to Moscow', {
  plannedStart: '2013-06-01',
  plannedEnd: '2013-06-10',
  actualStart: '2013-06-03',
  actualEnd: '2013-06-12',
});
const ACTION_PLAN = activity(4, 'Draft the Action Plan', { plannedStart: '2013-01-10', plannedEnd: '2013-02-28' });

const dep = (id: number, from: number, to: number, broken = false): Dependency => ({ id, projectId: 1, from, to, type: 'finish_to_start', broken });

function timeline(dependencies: Dependency[]): Timeline {
  return {
    projectId: 1,
    today: '2013-08-14',
    span: { start: '2013-01-01', end: '2014-12-31' },
    groups: [
      {
        outcome: { id: 1, code: '1', title: 'Diaspora engaged' },
        outputs: [{ output: { id: 5, code: '1.1', title: 'Action Plan drafted' }, activities: [ACTION_PLAN] }],
        activities: [MAPPING, FORUM, STUDY_TOUR],
      },
    ],
    dependencies,
    milestones: [],
  };
}

/** Mapping → Forum (broken: the forum starts before the mapping ends), Forum → Study tour. */
const LINKS = [dep(10, 1, 2, true), dep(11, 2, 3)];

function renderPanel(canEdit = true) {
  return renderWithApp(<DependenciesPanel projectId={1} activityId={2} canEdit={canEdit} activityHref={(id) => `/activities/${id}`} />);
}

const section = (name: string) => screen.getByRole('region', { name });

describe('DependenciesPanel', () => {
  it('lists what the activity depends on and what it blocks, with dates and the broken one explained', async () => {
    mockFetch({ 'GET /api/projects/1/timeline': () => json(timeline(LINKS)) });
    renderPanel();
    const dependsOn = await screen.findByRole('region', { name: 'Depends on' });
    const link = within(dependsOn).getByRole('link', { name: 'Mapping of the diaspora' });
    expect(link).toHaveAttribute('href', '/activities/1');
    expect(dependsOn).toHaveTextContent('Planned: Jan 15, 2013 – Mar 31, 2013');
    expect(dependsOn).toHaveTextContent('Broken');
    expect(dependsOn).toHaveTextContent(
      '“National forum on diaspora engagement” starts on Mar 15, 2013, but “Mapping of the diaspora” only ends on Mar 31, 2013.',
    );

    const blocks = section('Blocks');
    expect(within(blocks).getByRole('link', { name: 'Study tour to Moscow' })).toHaveAttribute('href', '/activities/3');
    expect(blocks).toHaveTextContent('Actual: Jun 3, 2013 – Jun 12, 2013');
    expect(blocks).toHaveTextContent('In order');
    expect(blocks).not.toHaveTextContent('Broken');
  });

  it('adds a predecessor: sends from = the chosen activity and to = this one, then shows it from the re-read timeline', async () => {
    const user = userEvent.setup();
    setCsrfToken('csrf-1');
    let current = timeline(LINKS);
    const { calls } = mockFetch({
      'GET /api/projects/1/timeline': () => json(current),
      'POST /api/projects/1/dependencies': () => {
        const created = dep(12, 4, 2);
        current = timeline([...LINKS, created]);
        return json(created, 201);
      },
    });
    renderPanel();
    const select = await screen.findByRole('combobox', { name: /Must finish first/ });
    // Neither the activity itself nor what it already depends on can be picked.
    const options = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Choose an activity…', 'Study tour to Moscow', 'Draft the Action Plan']);

    await user.selectOptions(select, 'Draft the Action Plan');
    await user.click(screen.getByRole('button', { name: 'Add predecessor' }));

    expect(await within(section('Depends on')).findByRole('link', { name: 'Draft the Action Plan' })).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ from: 4, to: 2 });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(screen.getByRole('status')).toHaveTextContent('Added: “Draft the Action Plan” must now finish before this activity starts.');
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2);
  });

  it('refuses a cycle it can see without asking the server, naming the circle', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ 'GET /api/projects/1/timeline': () => json(timeline(LINKS)) });
    renderPanel();
    // The study tour waits for the forum, so the forum cannot also wait for the study tour.
    await user.selectOptions(await screen.findByRole('combobox', { name: /Must finish first/ }), 'Study tour to Moscow');
    await user.click(screen.getByRole('button', { name: 'Add predecessor' }));
    const select = screen.getByRole('combobox', { name: /Must finish first/ });
    expect(select).toHaveAttribute('aria-invalid', 'true');
    expect(select).toHaveAccessibleDescription(
      /This would close a circle of dependencies: Study tour to Moscow → National forum on diaspora engagement → Study tour to Moscow\./,
    );
    expect(select).toHaveFocus();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('says why the server refused: a cycle it found (400) or a link that exists already (409)', async () => {
    const user = userEvent.setup();
    const refusals = [
      json(
        {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'This dependency would make a cycle',
            details: { issues: [{ path: 'to', message: 'Would close the cycle 4 → 2 → 3 → 4' }], cycle: [4, 2, 3, 4] },
          },
        },
        400,
      ),
      json({ error: { code: 'CONFLICT', message: 'This dependency already exists' } }, 409),
    ];
    mockFetch({
      // Read before someone else linked the study tour to the Action Plan, and the forum to it.
      'GET /api/projects/1/timeline': () => json(timeline(LINKS)),
      'POST /api/projects/1/dependencies': () => refusals.shift() ?? json({}, 500),
    });
    renderPanel();
    const select = await screen.findByRole('combobox', { name: /Must finish first/ });
    await user.selectOptions(select, 'Draft the Action Plan');
    await user.click(screen.getByRole('button', { name: 'Add predecessor' }));
    await waitFor(() =>
      expect(select).toHaveAccessibleDescription(
        /This would close a circle of dependencies: Draft the Action Plan → National forum on diaspora engagement → Study tour to Moscow → Draft the Action Plan\./,
      ),
    );
    expect(screen.queryByText(/Would close the cycle 4/)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add predecessor' }));
    await waitFor(() => expect(select).toHaveAccessibleDescription(/This activity already depends on “Draft the Action Plan”\./));
    expect(select).toHaveAttribute('aria-invalid', 'true');
  });

  it('names a refusal by its rule code: an activity of another project', async () => {
    const user = userEvent.setup();
    mockFetch({
      'GET /api/projects/1/timeline': () => json(timeline(LINKS)),
      'POST /api/projects/1/dependencies': () =>
        json(
          {
            error: {
              code: 'VALIDATION_FAILED',
              message: 'Some fields are not valid',
              details: { issues: [{ path: 'from', code: 'ref.not_project_activity', params: {}, message: 'English wording may change' }] },
            },
          },
          400,
        ),
    });
    renderPanel();
    const select = await screen.findByRole('combobox', { name: /Must finish first/ });
    await user.selectOptions(select, 'Draft the Action Plan');
    await user.click(screen.getByRole('button', { name: 'Add predecessor' }));
    await waitFor(() => expect(select).toHaveAccessibleDescription(/Choose an activity of this project\./));
  });

  it('removes a dependency only after confirmation, then shows the lists without it', async () => {
    const user = userEvent.setup();
    setCsrfToken('csrf-1');
    let current = timeline(LINKS);
    const { calls } = mockFetch({
      'GET /api/projects/1/timeline': () => json(current),
      'DELETE /api/dependencies/10': () => {
        current = timeline([dep(11, 2, 3)]);
        return new Response(null, { status: 204 });
      },
    });
    renderPanel();
    const removeButton = await within(await screen.findByRole('region', { name: 'Depends on' })).findByRole('button', {
      name: 'Remove: “Mapping of the diaspora” must finish before “National forum on diaspora engagement” starts',
    });

    await user.click(removeButton);
    let dialog = screen.getByRole('dialog', { name: 'Remove dependency' });
    expect(dialog).toHaveTextContent(
      'Remove this dependency: “Mapping of the diaspora” must finish before “National forum on diaspora engagement” starts?',
    );
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([]);

    await user.click(removeButton);
    dialog = screen.getByRole('dialog', { name: 'Remove dependency' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));

    expect(await screen.findByText('This activity does not wait for any other.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const status = screen.getAllByRole('status').find((s) => s.textContent?.startsWith('Dependency removed'));
    expect(status).toHaveTextContent(
      'Dependency removed: “Mapping of the diaspora” must finish before “National forum on diaspora engagement” starts.',
    );
    await waitFor(() => expect(status).toHaveFocus());
    const del = calls.find((c) => c.method === 'DELETE');
    expect(del?.url.pathname).toBe('/api/dependencies/10');
    expect(del?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(within(section('Blocks')).getByRole('link', { name: 'Study tour to Moscow' })).toBeInTheDocument();
  });

  it('keeps the dialog open with a message when the dependency was already removed (404), and reads the lists again', async () => {
    const user = userEvent.setup();
    let current = timeline(LINKS);
    const { calls } = mockFetch({
      'GET /api/projects/1/timeline': () => json(current),
      'DELETE /api/dependencies/10': () => {
        current = timeline([dep(11, 2, 3)]);
        return json({ error: { code: 'NOT_FOUND', message: 'Dependency not found' } }, 404);
      },
    });
    renderPanel();
    await user.click(await screen.findByRole('button', { name: /^Remove: “Mapping of the diaspora”/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove' }));
    expect(await within(screen.getByRole('dialog')).findByRole('alert')).toHaveTextContent('This dependency had already been removed.');
    await waitFor(() => expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2));
    expect(await screen.findByText('This activity does not wait for any other.')).toBeInTheDocument();
  });

  it.each<[Role, boolean]>([
    ['admin', true],
    ['manager', true],
    ['partner', false],
    ['donor', false],
  ])('a %s with the timeline edit permission sees the add and remove controls: %s', async (role, controls) => {
    mockFetch({ 'GET /api/projects/1/timeline': () => json(timeline(LINKS)) });
    renderPanel(hasPermission(role, 'activity:edit'));
    // The lists are there for every role.
    expect(await screen.findByRole('link', { name: 'Mapping of the diaspora' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Study tour to Moscow' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox') !== null).toBe(controls);
    expect(screen.queryAllByRole('button').length > 0).toBe(controls);
  });
});
