import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { BudgetLine } from '@shared/schemas/budget';
import type { Expenditure } from '@shared/schemas/budget-ledger';
import { ExpenditureForm } from '@/features/budget/components/expenditure-form';
import { previewConversion } from '@/features/budget/components/money';
import { json, mockFetch, renderWithApp } from './test-utils';

const line: BudgetLine = {
  id: 31,
  projectId: 2,
  code: 'OFF-1',
  title: 'Office and communications',
  category: 'office',
  activityId: null,
  original: { amount: '12000.00', currency: 'USD' },
  revised: null,
  current: { amount: '12000.00', currency: 'USD' },
  notes: '',
  illustrative: false,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function savedEntry(body: Record<string, unknown>): Expenditure {
  return {
    id: 501,
    projectId: 2,
    type: 'expenditure',
    iatiTransactionType: '4',
    date: String(body.date),
    amount: body.amount as Expenditure['amount'],
    fxRate: String(body.fxRate ?? '1'),
    converted: { amount: '623.56', currency: 'USD' },
    budgetLineId: 31,
    activityId: null,
    payee: String(body.payee ?? ''),
    reference: String(body.reference ?? ''),
    description: '',
    correction: false,
    illustrative: false,
    evidence: [],
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('ExpenditureForm', () => {
  it('asks for the rate of a TJS entry, previews the USD amount as the server will convert it, and sends amount, currency and fxRate', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    const { calls } = mockFetch({
      'POST /api/projects/2/expenditures': ({ body }) => json(savedEntry(body as Record<string, unknown>), 201),
    });
    renderWithApp(
      <ExpenditureForm projectId={2} projectCurrency="USD" lines={[line]} activities={[{ id: 9, title: 'Seminars with banks' }]} onDone={onDone} />,
    );

    // In the project currency there is no rate to give.
    expect(screen.queryByLabelText(/^Rate/)).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(/^Currency/), 'TJS');
    const rate = screen.getByLabelText(/^Rate \(USD per 1 TJS\)/);
    await user.type(screen.getByLabelText(/^Amount/), '6 800,00');
    expect(screen.getByText('Type the amount and the rate to see the amount in USD.')).toBeInTheDocument();
    await user.type(rate, '0.0917');
    // 6800 × 0.0917 = 623.56, rounded half-even once, as the server records it.
    expect(screen.getByText('Converted: USD 623.56 (in USD, the project currency).')).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Date/), '2026-11-28');
    await user.selectOptions(screen.getByLabelText(/^Budget line/), 'OFF-1 — Office and communications');
    await user.type(screen.getByLabelText(/^Payee/), 'Office landlord, Dushanbe');
    await user.type(screen.getByLabelText(/^Reference/), 'RENT-2026-11');
    await user.click(screen.getByRole('button', { name: 'Add entry' }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      type: 'expenditure',
      date: '2026-11-28',
      amount: { amount: '6800.00', currency: 'TJS' },
      fxRate: '0.0917',
      budgetLineId: 31,
      activityId: null,
      payee: 'Office landlord, Dushanbe',
      reference: 'RENT-2026-11',
      description: '',
      correction: false,
    });
  });

  it('refuses a foreign-currency entry without a rate next to the rate field, without calling the server', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({});
    renderWithApp(<ExpenditureForm projectId={2} projectCurrency="USD" lines={[line]} activities={[]} onDone={() => undefined} />);
    await user.selectOptions(screen.getByLabelText(/^Currency/), 'RUB');
    await user.type(screen.getByLabelText(/^Amount/), '36000');
    await user.type(screen.getByLabelText(/^Date/), '2026-11-16');
    await user.click(screen.getByRole('button', { name: 'Add entry' }));
    expect(await screen.findByText('Give the rate: USD per one RUB.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('in the project currency sends no rate and previews nothing', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({
      'POST /api/projects/2/expenditures': ({ body }) => json(savedEntry(body as Record<string, unknown>), 201),
    });
    renderWithApp(<ExpenditureForm projectId={2} projectCurrency="USD" lines={[line]} activities={[]} onDone={() => undefined} />);
    await user.type(screen.getByLabelText(/^Amount/), '1260');
    await user.type(screen.getByLabelText(/^Date/), '2026-11-28');
    await user.click(screen.getByRole('button', { name: 'Add entry' }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toMatchObject({ amount: { amount: '1260', currency: 'USD' } });
    expect(calls[0]?.body).not.toHaveProperty('fxRate');
  });
});

describe('previewConversion', () => {
  it('converts with the shared exact rate and half-even rounding', () => {
    expect(previewConversion('6800', 'TJS', '0.0917', 'USD')).toEqual({ amount: '623.56', currency: 'USD' });
    expect(previewConversion('98000', 'RUB', '0,0305', 'USD')).toEqual({ amount: '2989.00', currency: 'USD' });
    expect(previewConversion('12', 'TJS', '', 'USD')).toBeNull();
    expect(previewConversion('12.345', 'USD', '', 'USD')).toBeNull();
  });
});
