import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FormActions } from '@/components/form/form-actions';
import { CountryOptions } from '@/components/ui/country-options';
import { Options, RecordOptions, Select } from '@/components/ui/field';
import { TableHead } from '@/components/ui/table-head';
import { ApiError } from '@/lib/api-client';
import { useRecordMutation } from '@/lib/record-mutation';

function setUp() {
  const queryClient = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const invalidated: unknown[] = [];
  vi.spyOn(queryClient, 'invalidateQueries').mockImplementation(async (filters) => {
    invalidated.push(filters?.queryKey);
  });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  return { queryClient, invalidated, wrapper };
}

const KEYS = [['budget'], ['projects', 7]] as const;

describe('useRecordMutation', () => {
  it('a saved change runs the caller and the cache update, then refreshes every named query', async () => {
    const { invalidated, wrapper, queryClient } = setUp();
    const onSuccess = vi.fn();
    const update = vi.fn();
    const { result } = renderHook(
      () => useRecordMutation(async (input: { id: number }) => ({ id: input.id, version: 2 }), { invalidate: KEYS, onSuccess, update }),
      { wrapper },
    );

    await result.current.mutateAsync({ id: 5 });

    expect(onSuccess).toHaveBeenCalledWith({ id: 5, version: 2 }, { id: 5 });
    expect(update).toHaveBeenCalledWith(queryClient, { id: 5, version: 2 }, { id: 5 });
    expect(invalidated).toEqual([['budget'], ['projects', 7]]);
  });

  it('a version conflict refreshes the named queries, so the reload shows the record as it is now', async () => {
    const { invalidated, wrapper } = setUp();
    const onSuccess = vi.fn();
    const { result } = renderHook(
      () =>
        useRecordMutation(
          async () => {
            throw new ApiError(409, 'VERSION_CONFLICT', 'stale');
          },
          { invalidate: KEYS, onSuccess },
        ),
      { wrapper },
    );

    await expect(result.current.mutateAsync(undefined)).rejects.toMatchObject({ status: 409 });
    await waitFor(() => expect(invalidated).toEqual([['budget'], ['projects', 7]]));
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('any other refusal leaves the cache alone (the form shows the error over what the user typed)', async () => {
    const { invalidated, wrapper } = setUp();
    const { result } = renderHook(
      () =>
        useRecordMutation(
          async () => {
            throw new ApiError(400, 'VALIDATION_FAILED', 'bad');
          },
          { invalidate: KEYS },
        ),
      { wrapper },
    );

    await expect(result.current.mutateAsync(undefined)).rejects.toMatchObject({ status: 400 });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(invalidated).toEqual([]);
  });
});

describe('TableHead and Options', () => {
  it('a header row gives every column a col scope, right-aligns numeric ones and hides labels only from sight', () => {
    render(
      <table>
        <TableHead columns={['Line', { label: 'Amount', numeric: true }, { label: 'Actions', hidden: true }]} />
      </table>,
    );
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Line', 'Amount', 'Actions']);
    expect(headers.every((h) => h.getAttribute('scope') === 'col')).toBe(true);
    expect(headers[1]).toHaveClass('num');
    expect(headers[2]!.querySelector('.visually-hidden')).toHaveTextContent('Actions');
  });

  it('options list every value once, each with its own label', () => {
    render(
      <Select aria-label="Role" defaultValue="donor">
        <Options values={['manager', 'donor']} label={(v) => v.toUpperCase()} />
      </Select>,
    );
    const options = screen.getAllByRole('option');
    expect(options.map((o) => [o.getAttribute('value'), o.textContent])).toEqual([
      ['manager', 'MANAGER'],
      ['donor', 'DONOR'],
    ]);
    expect(screen.getByRole('combobox', { name: 'Role' })).toHaveValue('donor');
  });

  it('record options use the id of each record as the value and the label it is given', () => {
    render(
      <Select aria-label="Activity" defaultValue="12">
        <RecordOptions
          records={[
            { id: 11, title: 'Forum' },
            { id: 12, title: 'Study tour' },
          ]}
          label={(r) => r.title}
        />
      </Select>,
    );
    expect(screen.getAllByRole('option').map((o) => [o.getAttribute('value'), o.textContent])).toEqual([
      ['11', 'Forum'],
      ['12', 'Study tour'],
    ]);
    expect(screen.getByRole('combobox', { name: 'Activity' })).toHaveValue('12');
  });

  it('country options start with the empty choice, then list countries by ISO code in the given language', () => {
    render(
      <Select aria-label="Country" defaultValue="TJ">
        <CountryOptions locale="ru" none="Не указано" />
      </Select>,
    );
    const options = screen.getAllByRole('option');
    expect(options[0]).toHaveValue('');
    expect(options[0]).toHaveTextContent('Не указано');
    expect(options.find((o) => o.getAttribute('value') === 'TJ')).toHaveTextContent('Таджикистан');
    expect(options.length).toBeGreaterThan(200);
  });
});

describe('FormActions', () => {
  it('cancel calls back without submitting; the submit button submits the form and shows a save in flight', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    const onSubmit = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    const { rerender } = render(
      <form onSubmit={onSubmit}>
        <FormActions onCancel={onCancel} busy={false}>
          Save line
        </FormActions>
      </form>,
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onSubmit).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Save line' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);

    rerender(
      <form onSubmit={onSubmit}>
        <FormActions onCancel={onCancel} busy danger>
          Unlock
        </FormActions>
      </form>,
    );
    const unlock = screen.getByRole('button', { name: /Unlock/ });
    expect(unlock).toHaveClass('btn-danger');
    expect(unlock).toHaveAttribute('aria-busy', 'true');
  });
});
