import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Person } from '@shared/schemas/registry';
import type { RegistrySummary } from '@shared/schemas/registry-summary';
import { ConsentRecord } from '@/features/registry/components/consent-record';
import { ImportWizard } from '@/features/registry/components/import-wizard';
import { SummaryBody } from '@/features/registry/components/registry-summary';
import { setCsrfToken } from '@/lib/api-client';
import { json, mockFetch, renderWithApp } from './test-utils';

function buildPerson(overrides: Partial<Person> = {}): Person {
  return {
    id: 7,
    projectId: 1,
    name: 'Nigina Saidova',
    sex: 'female',
    birthYear: 1990,
    country: 'RU',
    city: 'Moscow',
    yearsAbroad: 6,
    occupation: 'Physician',
    sectors: ['health'],
    skills: ['surgery'],
    languages: ['tg', 'ru'],
    email: 'nigina@example.org',
    phone: null,
    group: 'diaspora',
    organisationIds: [],
    notes: null,
    consent: { status: 'given', purpose: 'Mapping', noticeVersion: 'v1', givenOn: '2026-01-10', withdrawnOn: null },
    illustrative: false,
    erased: false,
    erasedAt: null,
    version: 3,
    createdAt: '2026-01-10T00:00:00.000Z',
    updatedAt: '2026-01-10T00:00:00.000Z',
    ...overrides,
  };
}

const consentRow = (kind: 'given' | 'withdrawn', id: number, date: string) => ({
  id,
  personId: 7,
  kind,
  purpose: 'Mapping',
  noticeVersion: 'v1',
  date,
  recordedBy: { id: 2, name: 'Farrukh Nazarov' },
  recordedAt: `${date}T09:00:00.000Z`,
});

describe('ConsentRecord', () => {
  it('withdrawing consent asks first, then posts to the withdraw route with the CSRF token and appends the withdrawal', async () => {
    const user = userEvent.setup();
    setCsrfToken('csrf-9');
    const person = buildPerson();
    let rows = [consentRow('given', 1, '2026-01-10')];
    const { calls } = mockFetch({
      'GET /api/registry/people/7/consents': () => json({ items: rows, total: rows.length }),
      'POST /api/registry/people/7/consent/withdraw': () => {
        rows = [...rows, consentRow('withdrawn', 2, '2026-03-01')];
        return json({ ...person, consent: { ...person.consent, status: 'withdrawn', withdrawnOn: '2026-03-01' }, version: 4 });
      },
      'GET /api/registry/people/7': () => json(person),
    });
    renderWithApp(<ConsentRecord person={person} canEdit />);
    await screen.findByText('Mapping');

    await user.click(screen.getByRole('button', { name: 'Withdraw consent' }));
    const dialog = screen.getByRole('dialog', { name: 'Withdraw consent?' });
    // Nothing is sent before the confirmation.
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Withdraw consent' }));

    expect(await screen.findByText('Consent withdrawn.')).toBeInTheDocument();
    const post = calls.filter((c) => c.method === 'POST');
    expect(post).toHaveLength(1);
    expect(post[0]?.url.pathname).toBe('/api/registry/people/7/consent/withdraw');
    expect(post[0]?.body).toEqual({});
    expect(post[0]?.headers.get('X-CSRF-Token')).toBe('csrf-9');
    // The record is append-only: both rows are listed.
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
  });
});

type SentForm = { url: string; fields: Record<string, string>; file: File | null };

/** Stands in for XMLHttpRequest (the import uploads with progress): records each form, answers from a queue. */
function mockXhr(answers: unknown[]) {
  const sent: SentForm[] = [];
  class FakeXhr {
    status = 0;
    statusText = '';
    responseText = '';
    withCredentials = false;
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private url = '';
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader() {}
    getResponseHeader() {
      return null;
    }
    abort() {}
    send(form: FormData) {
      const fields: Record<string, string> = {};
      let file: File | null = null;
      form.forEach((v, k) => {
        if (typeof v === 'string') fields[k] = v;
        else file = v;
      });
      sent.push({ url: this.url, fields, file });
      const answer = answers.shift();
      queueMicrotask(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 10, total: 10 } as ProgressEvent);
        this.status = 200;
        this.responseText = JSON.stringify(answer);
        this.onload?.();
      });
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

const previewOf = (mapping: Record<string, string>) => ({
  dryRun: true,
  columns: [
    { header: 'Full name', samples: ['Aziza Karimova'] },
    { header: 'Country', samples: ['Russia'] },
    { header: 'Lives in', samples: ['Kazakhstan'] },
    { header: 'E-mail', samples: ['aziza@example.org'] },
  ],
  mapping,
  suggestedMapping: { name: 'Full name', country: 'Country' },
  totals: { rows: 1, ok: 1, invalid: 0, duplicate: 0 },
  rows: [],
  blocking: [],
  preview: [{ row: 2, name: 'Aziza Karimova', country: 'KZ' }],
});

describe('ImportWizard', () => {
  it('starts the mapping screen from the suggested mapping and sends the mapping the user chose', async () => {
    const user = userEvent.setup();
    const sent = mockXhr([
      previewOf({ name: 'Full name', country: 'Country' }),
      previewOf({ name: 'Full name', country: 'Lives in', email: 'E-mail' }),
    ]);
    renderWithApp(<ImportWizard projectId={3} registryHref="/projects/3/registry" summaryHref="/projects/3/registry/summary" />);

    const file = new File(['Full name,Country,Lives in,E-mail\nAziza Karimova,Russia,Kazakhstan,aziza@example.org\n'], 'survey.csv', {
      type: 'text/csv',
    });
    await user.upload(screen.getByLabelText(/^Survey file/), file);
    await user.click(screen.getByRole('button', { name: 'Read the file' }));

    // The first dry run sends the file alone: the server suggests the mapping.
    await screen.findByRole('heading', { name: 'Which column holds what?' });
    expect(sent[0]?.url).toBe('/api/registry/import?projectId=3&dryRun=1');
    expect(sent[0]?.fields).toEqual({});
    expect(sent[0]?.file?.name).toBe('survey.csv');
    expect(screen.getByLabelText(/^Name/)).toHaveValue('Full name');
    expect(screen.getByLabelText(/^Country of residence/)).toHaveValue('Country');

    await user.selectOptions(screen.getByLabelText(/^Country of residence/), 'Lives in');
    await user.selectOptions(screen.getByLabelText(/^E-mail/), 'E-mail');
    await user.click(screen.getByRole('button', { name: 'Check the rows' }));

    await screen.findByText('Everything is settled: the file can be imported.');
    expect(sent[1]?.url).toBe('/api/registry/import?projectId=3&dryRun=1');
    expect(JSON.parse(sent[1]?.fields.mapping ?? 'null')).toEqual({ name: 'Full name', country: 'Lives in', email: 'E-mail' });
    expect(sent[1]?.file?.name).toBe('survey.csv');
  });
});

describe('SummaryBody', () => {
  it('shows suppressed cells as "<5" with an explanation, never a number', () => {
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
    const cells = (list: [string, number | null][]) => list.map(([key, count]) => ({ key, count, suppressed: count === null }));
    const summary: RegistrySummary = {
      projectId: 1,
      filters: {},
      threshold: 5,
      total: { key: 'total', count: 31, suppressed: false },
      dimensions: {
        country: cells([
          ['RU', 20],
          ['KZ', 8],
          ['DE', null],
          ['TR', null],
        ]),
        sector: cells([
          ['health', 12],
          ['education', 0],
          ['legal', null],
        ]),
        skills: [],
        occupation: [],
        yearsAbroad: [],
        sex: cells([
          ['female', 14],
          ['male', 17],
        ]),
        group: [],
        languages: [],
      },
    };
    renderWithApp(<SummaryBody summary={summary} fileStem="CE-registry" />);

    expect(screen.getByText(/“<5” marks a count under 5/)).toBeInTheDocument();
    const countries = screen.getByRole('region', { name: 'Country of residence' });
    expect(within(within(countries).getByRole('rowheader', { name: 'Germany' }).closest('tr') as HTMLElement).getByText('<5')).toBeInTheDocument();
    expect(within(within(countries).getByRole('rowheader', { name: 'Russia' }).closest('tr') as HTMLElement).getByText('20')).toBeInTheDocument();
    const sectors = screen.getByRole('region', { name: 'Sector' });
    expect(within(within(sectors).getByRole('rowheader', { name: 'Legal' }).closest('tr') as HTMLElement).getByText('<5')).toBeInTheDocument();
    // Every chart can be downloaded as a picture and as a table.
    expect(screen.getAllByRole('button', { name: /^Download PNG/ }).length).toBeGreaterThanOrEqual(3);
    // The map marks suppressed countries too.
    expect(document.querySelector('path[data-country="DE"] title')?.textContent).toBe('Germany: <5');
  });
});
