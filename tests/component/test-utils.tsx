import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { vi } from 'vitest';
import type { Activity } from '@shared/schemas/activity';
import type { Project } from '@shared/schemas/project';

export type RecordedCall = { method: string; url: URL; body: unknown; headers: Headers };
type Handler = (call: RecordedCall) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/**
 * Replaces fetch (the network edge of the api-client) with handlers keyed by
 * "METHOD /api/path"; records every call so a test can check what was sent.
 */
export function mockFetch(handlers: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const call: RecordedCall = { method, url, body, headers: new Headers(init?.headers) };
    calls.push(call);
    const handler = handlers[`${method} ${url.pathname}`];
    if (!handler) return json({ error: { code: 'NOT_FOUND', message: `No mock for ${method} ${url.pathname}` } }, 404);
    return handler(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

/** Renders inside a fresh query client and an in-memory router at `url`. */
export function renderWithApp(ui: ReactElement, { url = '/', path = '*' }: { url?: string; path?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter([{ path, element: ui }], { initialEntries: [url] });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, router, queryClient };
}

let seq = 0;

export function buildActivity(overrides: Partial<Activity> = {}): Activity {
  seq += 1;
  return {
    id: seq,
    projectId: 1,
    outcomeId: 1,
    outputId: null,
    kind: 'national_forum',
    title: `Activity ${seq}`,
    description: '',
    status: 'planned',
    plannedStart: '2013-03-01',
    plannedEnd: '2013-06-30',
    actualStart: null,
    actualEnd: null,
    percentComplete: 0,
    location: 'Dushanbe',
    responsible: 'IOM Tajikistan',
    participants: { women: null, men: null, government: null, diaspora: null, civilSociety: null, international: null },
    participantsSource: 'entered',
    attendeeCount: 0,
    notes: '',
    position: 1,
    illustrative: true,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function buildProject(overrides: Partial<Project> = {}): Project {
  seq += 1;
  return {
    id: seq,
    code: `CE.${String(seq).padStart(4, '0')}`,
    title: `Project ${seq}`,
    description: '',
    goal: '',
    status: 'completed',
    type: 'community_economic_development',
    region: 'asia_oceania',
    memberStates: ['TJ'],
    coverage: 'national',
    startYear: 2013,
    endYear: 2014,
    plannedStart: null,
    plannedEnd: null,
    budget: { amount: '150000.00', currency: 'USD' },
    implementingOrg: 'International Organization for Migration (IOM)',
    funder: 'IOM Development Fund (IDF)',
    illustrative: false,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
