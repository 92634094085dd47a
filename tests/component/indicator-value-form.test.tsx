import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ValueEntryForm } from '@/features/indicators/components/value-entry-form';
import { setCsrfToken } from '@/lib/api-client';
import { buildIndicator, buildPeriod, buildValue } from './indicator-fixtures';
import { json, mockFetch, renderWithApp } from './test-utils';

const locked = {
  error: { code: 'PERIOD_LOCKED', message: 'The value of this period is approved, so the period is locked; an admin can unlock it' },
};

describe('ValueEntryForm', () => {
  it('records a new draft with its breakdown by sex, marked complete because the parts add up', async () => {
    const user = userEvent.setup();
    setCsrfToken('csrf-9');
    const indicator = buildIndicator();
    const period = buildPeriod({ id: 39 });
    const { calls } = mockFetch({
      'POST /api/periods/39/values': ({ body }) => json({ ...buildValue({ periodId: 39 }), ...(body as object), id: 501, version: 1 }, 201),
    });
    renderWithApp(<ValueEntryForm indicator={indicator} period={period} />);

    await user.type(screen.getByLabelText(/^Value \(people\)/), '70');
    await user.type(screen.getByLabelText('Women'), '30');
    await user.type(screen.getByLabelText('Men'), '38');
    await user.type(screen.getByLabelText('Other or unknown'), '2');
    await user.type(screen.getByLabelText(/^Comment/), 'From the roster extract of 31 December');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    expect(await screen.findByText('Draft saved.')).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-9');
    expect(post?.body).toEqual({
      value: 70,
      disaggregation: { sex: { women: 30, men: 38, other: 2 } },
      comment: 'From the roster extract of 31 December',
      complete: true,
    });
  });

  it('sends an incomplete breakdown as not complete, and refuses parts above the total without calling the server', async () => {
    const user = userEvent.setup();
    const indicator = buildIndicator();
    const period = buildPeriod({ id: 40 });
    const { calls } = mockFetch({
      'POST /api/periods/40/values': ({ body }) => json({ ...buildValue({ periodId: 40 }), ...(body as object), id: 502 }, 201),
    });
    renderWithApp(<ValueEntryForm indicator={indicator} period={period} />);

    await user.type(screen.getByLabelText(/^Value \(people\)/), '10');
    await user.type(screen.getByLabelText('Women'), '8');
    await user.type(screen.getByLabelText('Men'), '5');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Correct the breakdown first.')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await user.clear(screen.getByLabelText('Men'));
    await user.type(screen.getByLabelText('Men'), '1');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Draft saved.')).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ value: 10, disaggregation: { sex: { women: 8, men: 1, other: null } }, comment: '', complete: false });
  });

  it('gives a percentage as numerator and denominator when the user chooses to', async () => {
    const user = userEvent.setup();
    const indicator = buildIndicator({ measure: 'percentage', unit: '%', disaggregations: [] });
    const period = buildPeriod({ id: 41 });
    const { calls } = mockFetch({
      'POST /api/periods/41/values': ({ body }) =>
        json({ ...buildValue({ periodId: 41, disaggregation: null }), ...(body as object), value: 75 }, 201),
    });
    renderWithApp(<ValueEntryForm indicator={indicator} period={period} />);

    await user.click(screen.getByLabelText('as numerator and denominator'));
    await user.type(screen.getByLabelText(/^Numerator/), '3');
    await user.type(screen.getByLabelText(/^Denominator/), '4');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    expect(await screen.findByText('Draft saved.')).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ numerator: 3, denominator: 4, comment: '', complete: true });
  });

  it('submits an unchanged draft for approval with the version it was read at', async () => {
    const user = userEvent.setup();
    const indicator = buildIndicator();
    const value = buildValue({ id: 77, version: 4, value: 70, disaggregation: { sex: { women: 30, men: 40, other: 0 } } });
    const period = buildPeriod({ id: 42, value });
    const { calls } = mockFetch({
      'POST /api/values/77/submit': () => json({ ...value, status: 'submitted', version: 5 }),
    });
    renderWithApp(<ValueEntryForm indicator={indicator} period={period} />);

    expect(screen.getByLabelText(/^Value \(people\)/)).toHaveValue('70');
    await user.click(screen.getByRole('button', { name: 'Submit for approval' }));

    expect(await screen.findByText('Submitted for approval.')).toBeInTheDocument();
    expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual(['POST /api/values/77/submit']);
    expect(calls[0]?.body).toEqual({ version: 4 });
  });

  it('on 409 PERIOD_LOCKED says the period is locked and who can unlock it, and keeps what was typed', async () => {
    const user = userEvent.setup();
    const indicator = buildIndicator();
    const value = buildValue({ id: 78, version: 2, status: 'returned', value: 70 });
    const period = buildPeriod({ id: 43, value });
    const { calls } = mockFetch({ 'PATCH /api/values/78': () => json(locked, 409) });
    renderWithApp(<ValueEntryForm indicator={indicator} period={period} />);

    const input = screen.getByLabelText(/^Value \(people\)/);
    await user.clear(input);
    await user.type(input, '72');
    await user.clear(screen.getByLabelText('Men'));
    await user.type(screen.getByLabelText('Men'), '42');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This period is locked');
    expect(alert).toHaveTextContent('An administrator must unlock it before it can be changed.');
    expect(calls[0]?.body).toEqual({ version: 2, value: 72, disaggregation: { sex: { women: 30, men: 42, other: 0 } }, comment: '', complete: true });
    expect(screen.getByLabelText(/^Value \(people\)/)).toHaveValue('72');
    expect(screen.getByLabelText('Men')).toHaveValue('42');
    expect(screen.queryByText('Draft saved.')).not.toBeInTheDocument();
  });

  it('on a 409 version conflict keeps the input until the user reloads the latest version', async () => {
    const user = userEvent.setup();
    const indicator = buildIndicator({ disaggregations: [] });
    const value = buildValue({ id: 79, version: 2, value: 70, disaggregation: null });
    const current = { ...value, version: 3, value: 65 };
    mockFetch({
      'PATCH /api/values/79': () => json({ error: { code: 'VERSION_CONFLICT', message: 'Stale', details: { current } } }, 409),
    });
    renderWithApp(<ValueEntryForm indicator={indicator} period={buildPeriod({ id: 44, value })} />);

    const input = screen.getByLabelText(/^Value \(people\)/);
    await user.clear(input);
    await user.type(input, '71');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this while you were editing.');
    expect(input).toHaveValue('71');
    await user.click(screen.getByRole('button', { name: 'Reload latest version' }));
    await waitFor(() => expect(screen.getByLabelText(/^Value \(people\)/)).toHaveValue('65'));
  });
});
