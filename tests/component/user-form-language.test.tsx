import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { User } from '@shared/schemas/user';
import { UserForm } from '@/features/users/components/user-form';
import { json, mockFetch, renderWithApp } from './test-utils';

function created(body: Record<string, unknown>): User {
  return {
    id: 21,
    email: String(body.email),
    name: String(body.name),
    organisation: '',
    role: 'partner',
    locale: (body.locale as User['locale']) ?? null,
    disabled: false,
    projectIds: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
}

async function fillIn(user: ReturnType<typeof userEvent.setup>, email: string) {
  await user.type(screen.getByLabelText(/^E-mail address/), email);
  await user.type(screen.getByLabelText(/^Name/), 'Dilnoza K');
  await user.type(screen.getByLabelText(/^Initial password/), 'a long enough passphrase');
}

describe('UserForm: the language of a new account', () => {
  it('starts as “Not chosen” and sends null; choosing Русский sends ru', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ 'POST /api/users': (call) => json(created(call.body as Record<string, unknown>), 201) });
    const onSaved = vi.fn();
    const first = renderWithApp(<UserForm projects={[]} onSaved={onSaved} onCancel={vi.fn()} />);

    const language = screen.getByLabelText(/^Language/);
    expect(language).toHaveDisplayValue('Not chosen');
    expect(language).toHaveAccessibleDescription(/the account takes the language the person first signs in with/);
    await fillIn(user, 'first@example.test');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(calls[0]?.body).toMatchObject({ email: 'first@example.test', locale: null });
    first.unmount();

    renderWithApp(<UserForm projects={[]} onSaved={onSaved} onCancel={vi.fn()} />);
    await fillIn(user, 'second@example.test');
    await user.selectOptions(screen.getByLabelText(/^Language/), 'Русский');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(2));
    expect(calls[1]?.body).toMatchObject({ email: 'second@example.test', locale: 'ru' });
  });

  it('editing an account shows no language field (the user chooses it in the app)', () => {
    mockFetch({});
    renderWithApp(
      <UserForm user={created({ email: 'x@example.test', name: 'X', locale: 'tg' })} projects={[]} onSaved={vi.fn()} onCancel={vi.fn()} />,
    );
    expect(screen.queryByLabelText(/^Language/)).not.toBeInTheDocument();
  });
});
