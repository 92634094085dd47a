import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Role } from '@shared/enums';
import type { Report } from '@shared/schemas/report';
import { sanitizeNarrative } from '@/features/reports/components/narrative-html';
import { ReportWorkflow } from '@/features/reports/components/report-workflow';
import { setCsrfToken } from '@/lib/api-client';
import { json, mockFetch, renderWithApp } from './test-utils';

const report = (o: Partial<Report> = {}): Report => ({
  id: 5,
  projectId: 1,
  kind: 'quarterly',
  title: 'Q1',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  language: 'en',
  status: 'submitted',
  narrative: { achievements: '', challenges: '', lessonsLearned: '', nextSteps: '', risks: '' },
  frozenAt: '2026-04-02T10:00:00.000Z',
  submittedBy: { id: 2, name: 'M' },
  submittedAt: '2026-04-02T10:00:00.000Z',
  reviewedBy: null,
  reviewedAt: null,
  reviewComment: '',
  illustrative: false,
  version: 3,
  createdAt: '2026-04-01T10:00:00.000Z',
  updatedAt: '2026-04-02T10:00:00.000Z',
  ...o,
});

const buttons = () => screen.queryAllByRole('button').map((b) => b.textContent);

describe('ReportWorkflow', () => {
  it.each<[Role, Report['status'], string[]]>([
    ['manager', 'draft', ['Submit report', 'Delete draft']],
    ['manager', 'returned', ['Submit again']],
    ['manager', 'submitted', []],
    ['donor', 'submitted', ['Accept report', 'Return with comments']],
    ['donor', 'draft', []],
    ['donor', 'accepted', []],
    ['partner', 'submitted', []],
    ['admin', 'submitted', ['Accept report', 'Return with comments']],
  ])('a %s sees the actions a %s report allows', (role, status, expected) => {
    renderWithApp(<ReportWorkflow report={report({ status })} role={role} onDeleted={() => undefined} />);
    expect(buttons()).toEqual(expected);
  });

  it('a donor returning a report must write a comment, which is sent with the version', async () => {
    const user = userEvent.setup();
    setCsrfToken('csrf-1');
    const { calls } = mockFetch({
      'POST /api/reports/5/return': ({ body }) =>
        json({ ...report(), status: 'returned', reviewComment: (body as { comment: string }).comment, version: 4 }),
    });
    renderWithApp(<ReportWorkflow report={report()} role="donor" onDeleted={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Return with comments' }));
    await user.click(screen.getByRole('button', { name: 'Return report' }));
    expect(await screen.findByText('Write what should change.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
    await user.type(screen.getByLabelText(/^Comments/), 'Add the seminar figures');
    await user.click(screen.getByRole('button', { name: 'Return report' }));
    await screen.findByRole('button', { name: 'Return with comments' });
    expect(calls[0]?.body).toEqual({ version: 3, comment: 'Add the seminar figures' });
    expect(calls[0]?.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });
});

describe('sanitizeNarrative (browser preview)', () => {
  it.each([
    ['<p onclick="x()">a<script>alert(1)</script></p>', '<p>a</p>'],
    ['<img src=x onerror=alert(1)>t', 't'],
    ['<a href="javascript:alert(1)">x</a>', 'x'],
    ['<a href="https://iom.int" target="_blank">x</a>', '<a href="https://iom.int">x</a>'],
    ['<b>b</b><i>i</i><div>d</div>', '<strong>b</strong><em>i</em><p>d</p>'],
    ['<svg><script>alert(1)</script></svg><h3>T</h3><ul><li>x</li></ul>', '<h3>T</h3><ul><li>x</li></ul>'],
    ['<p>a &lt; b</p>', '<p>a &lt; b</p>'],
  ])('%s → %s', (input, expected) => {
    expect(sanitizeNarrative(input)).toBe(expected);
  });
});
