import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Person } from '@shared/schemas/registry';
import type { Organisation } from '@shared/schemas/registry-organisation';
import { AttendancePanel } from '@/features/attendance/components/attendance-panel';
import { OrganisationForm } from '@/features/registry/components/organisation-form';
import { PersonForm } from '@/features/registry/components/person-form';
import { json, mockFetch, renderWithApp } from './test-utils';

function buildPerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 7,
    projectId: 1,
    name: 'Рустам Саидов',
    sex: 'male',
    birthYear: 1984,
    country: 'RU',
    city: null,
    yearsAbroad: null,
    occupation: null,
    sectors: [],
    skills: [],
    languages: [],
    email: null,
    phone: null,
    group: 'diaspora',
    organisationIds: [],
    notes: null,
    consent: { status: 'given', purpose: 'Mapping', noticeVersion: 'v1', givenOn: '2026-01-10', withdrawnOn: null },
    illustrative: false,
    erased: false,
    erasedAt: null,
    version: 1,
    createdAt: '2026-01-10T00:00:00.000Z',
    updatedAt: '2026-01-10T00:00:00.000Z',
    ...overrides,
  };
}

function buildOrganisation(overrides: Partial<Organisation> = {}): Organisation {
  return {
    id: 30,
    projectId: 1,
    name: 'Tajik Club Kazan',
    country: 'RU',
    city: 'Kazan',
    type: 'association',
    sectors: [],
    contactPerson: { id: 7, name: 'Рустам Саидов', erased: false },
    contactEmail: null,
    contactPhone: null,
    sizeEstimate: null,
    links: [],
    description: '',
    engagements: [],
    memberCount: 0,
    illustrative: false,
    redacted: false,
    version: 2,
    createdAt: '2026-01-10T00:00:00.000Z',
    updatedAt: '2026-01-10T00:00:00.000Z',
    ...overrides,
  };
}

const people = (...items: Person[]) => json({ items, total: items.length });

describe('OrganisationForm: the contact is a person of the registry', () => {
  it('finds the contact by a search sent in the body (Enter searches, it does not save) and sends the chosen id', async () => {
    const user = userEvent.setup();
    const nigina = buildPerson({ id: 12, name: 'Nigina Karimova' });
    const { calls } = mockFetch({
      'POST /api/registry/people/search': () => people(nigina, buildPerson({ id: 13, name: 'Erased person #13', erased: true })),
      'POST /api/registry/organisations': ({ body }) =>
        json(buildOrganisation({ ...(body as object), id: 31, contactPerson: { id: 12, name: 'Nigina Karimova', erased: false } }), 201),
    });
    let done = false;
    renderWithApp(<OrganisationForm projectId={1} onDone={() => (done = true)} />);

    await user.type(screen.getByLabelText(/^Name/), 'Tajik Students Kazan');
    await user.selectOptions(screen.getByLabelText(/^Country/), 'RU');
    expect(screen.getByText('No contact chosen')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Find the contact in the registry'), 'Nigina{Enter}');
    const results = await screen.findByRole('list');
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual(['/api/registry/people/search']);
    expect(calls[0]?.body).toMatchObject({ projectId: 1, q: 'Nigina' });
    const erasedRow = within(results).getAllByText('Erased person #13')[0]?.closest('li') as HTMLElement;
    expect(within(erasedRow).getByRole('button')).toBeDisabled();
    await user.click(within(results).getByRole('button', { name: /^Choose\s*Nigina Karimova$/ }));
    expect(screen.queryByText('No contact chosen')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove contact' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add organisation' }));
    await waitFor(() => expect(done).toBe(true));
    expect(calls.find((c) => c.url.pathname === '/api/registry/organisations')?.body).toMatchObject({
      projectId: 1,
      name: 'Tajik Students Kazan',
      country: 'RU',
      contactPersonId: 12,
    });
  });

  it('edits with the version it read, and can remove the contact', async () => {
    const user = userEvent.setup();
    const organisation = buildOrganisation();
    const { calls } = mockFetch({
      'PATCH /api/registry/organisations/30': ({ body }) => json({ ...organisation, ...(body as object), contactPerson: null, version: 3 }),
    });
    renderWithApp(<OrganisationForm projectId={1} organisation={organisation} onDone={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Remove contact' }));
    expect(screen.getByText('No contact chosen')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ version: 2, contactPersonId: null });
  });
});

describe('PersonForm: duplicate warning before saving', () => {
  it('shows the person already in the registry under the other script, saves nothing until asked again', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'POST /api/registry/people/duplicates': () =>
        json({ items: [{ personId: 7, row: null, name: 'Рустам Саидов', reason: 'name_birth_year_country' }] }),
      'POST /api/registry/people': ({ body }) => json(buildPerson({ ...(body as object), id: 8 }), 201),
    });
    let saved: Person | null = null;
    renderWithApp(
      <PersonForm projectId={1} organisations={[]} onSaved={(p) => (saved = p)} onCancel={() => {}} personHref={(id) => `/people/${id}`} />,
    );

    await user.type(screen.getByLabelText(/^Name/), 'Rustam Saidov');
    await user.type(screen.getByLabelText(/^Year of birth/), '1984');
    await user.selectOptions(screen.getByLabelText(/^Country/), 'RU');
    await user.click(screen.getByRole('button', { name: 'Add person' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This may be someone already in the registry');
    expect(within(alert).getByRole('link', { name: 'Рустам Саидов' })).toHaveAttribute('href', '/people/7');
    expect(alert).toHaveTextContent('same name, birth year and country');
    expect(calls.find((c) => c.url.pathname === '/api/registry/people/duplicates')?.body).toMatchObject({
      projectId: 1,
      name: 'Rustam Saidov',
      birthYear: 1984,
      country: 'RU',
    });
    expect(calls.some((c) => c.url.pathname === '/api/registry/people')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(calls.filter((c) => c.url.pathname === '/api/registry/people/duplicates')).toHaveLength(1);
  });

  it('saves at once when nothing matches, and does not ask again for an edit that leaves name, birth year, country and e-mail alone', async () => {
    const user = userEvent.setup();
    const person = buildPerson();
    const { calls } = mockFetch({
      'POST /api/registry/people/duplicates': () => json({ items: [] }),
      'PATCH /api/registry/people/7': ({ body }) => json({ ...person, ...(body as object), version: 2 }),
    });
    renderWithApp(<PersonForm projectId={1} organisations={[]} person={person} onSaved={() => {}} onCancel={() => {}} />);
    await user.type(screen.getByLabelText(/^City/), 'Kazan');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.some((c) => c.url.pathname === '/api/registry/people/duplicates')).toBe(false);
  });
});

describe('AttendancePanel: adding a new person who may already be in the registry', () => {
  it('offers to record the existing person instead, and records them by id', async () => {
    const user = userEvent.setup();
    const counts = {
      uniquePeople: 0,
      attendances: 0,
      bySex: { female: 0, male: 0, other: 0, not_stated: 0 },
      byGroup: { government: 0, diaspora: 0, civil_society: 0, international: 0, unknown: 0 },
      participants: { women: 0, men: 0, government: 0, diaspora: 0, civilSociety: 0, international: 0 },
    };
    const { calls } = mockFetch({
      'GET /api/activities/5/attendance': () => json({ items: [], total: 0, counts, redacted: false }),
      'POST /api/registry/people/duplicates': () => json({ items: [{ personId: 7, row: null, name: 'Рустам Саидов', reason: 'name' }] }),
      'POST /api/activities/5/attendance': () => json({ added: [], alreadyPresent: [], counts }, 201),
    });
    renderWithApp(<AttendancePanel activityId={5} projectId={1} subEvents={[]} canEdit personHref={(id) => `/people/${id}`} />);

    await user.click(await screen.findByRole('button', { name: 'Add a new person' }));
    await user.type(screen.getByLabelText(/^Name( \*)?$/), 'Rustam Saidov');
    await user.click(screen.getByRole('button', { name: 'Add and record as present' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('same name');
    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/activities/5/attendance')).toBe(false);

    await user.click(within(alert).getByRole('button', { name: 'Record Рустам Саидов instead' }));
    await screen.findByText('Рустам Саидов was added.');
    expect(calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/activities/5/attendance')?.body).toEqual({
      subEventId: null,
      personIds: [7],
    });
  });
});
