import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SessionResponse } from '@shared/schemas/auth';
import { LoginForm } from '@/features/auth/components/login-form';
import { setUnauthenticatedHandler } from '@/lib/api-client';
import { i18n } from '@/lib/i18n';
import { json, mockFetch, renderWithApp } from './test-utils';

const USER = { id: 4, email: 'farrukh@example.test', name: 'Farrukh R', role: 'manager', locale: 'en' } as const;

async function signInWithPassword(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/^E-mail address/), USER.email);
  await user.type(screen.getByLabelText(/^Password/), 'correct horse battery staple');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginForm with two-factor sign-in', () => {
  it('after the password asks for the code, sends it with the challenge token, shows a wrong code without leaving the form, then signs in', async () => {
    const user = userEvent.setup();
    const onSuccess = vi.fn<(session: SessionResponse) => void>();
    const onUnauthenticated = vi.fn();
    setUnauthenticatedHandler(onUnauthenticated);
    let attempts = 0;
    const { calls } = mockFetch({
      'POST /api/auth/login': () => json({ mfaRequired: true, mfaToken: 'challenge-token-1' }),
      'POST /api/auth/login/totp': () =>
        ++attempts === 1
          ? json({ error: { code: 'INVALID_MFA_CODE', message: 'The code is not right' } }, 401)
          : json({ user: USER, csrfToken: 'csrf-after-totp' }),
    });
    renderWithApp(<LoginForm onSuccess={onSuccess} />);

    await signInWithPassword(user);
    const code = await screen.findByLabelText(/^Six-digit code/);
    expect(screen.getByRole('heading', { name: 'Two-factor sign-in' })).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Password/)).not.toBeInTheDocument();

    await user.type(code, '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The code is not right, or it was used already.');
    expect(onSuccess).not.toHaveBeenCalled();
    // A wrong code is not a lost session: no bounce to the login page.
    expect(onUnauthenticated).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/^Six-digit code/), '654321');
    await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith({ user: USER, csrfToken: 'csrf-after-totp' }));

    const totpCalls = calls.filter((c) => c.url.pathname === '/api/auth/login/totp');
    expect(totpCalls.map((c) => c.body)).toEqual([
      { mfaToken: 'challenge-token-1', code: '123456' },
      { mfaToken: 'challenge-token-1', code: '654321' },
    ]);
  });

  it('takes a recovery code instead of the app’s code', async () => {
    const user = userEvent.setup();
    const onSuccess = vi.fn();
    const { calls } = mockFetch({
      'POST /api/auth/login': () => json({ mfaRequired: true, mfaToken: 'challenge-token-2' }),
      'POST /api/auth/login/totp': () => json({ user: USER, csrfToken: 'csrf-2' }),
    });
    renderWithApp(<LoginForm onSuccess={onSuccess} />);

    await signInWithPassword(user);
    await user.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByLabelText(/^Recovery code/), 'ABCD-2345-WXYZ');
    await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));

    await waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(calls.find((c) => c.url.pathname === '/api/auth/login/totp')?.body).toEqual({
      mfaToken: 'challenge-token-2',
      recoveryCode: 'abcd2345wxyz',
    });
  });

  it('checks the code before sending: five digits stay on the form with a message', async () => {
    const user = userEvent.setup();
    const { calls } = mockFetch({ 'POST /api/auth/login': () => json({ mfaRequired: true, mfaToken: 't' }) });
    renderWithApp(<LoginForm onSuccess={vi.fn()} />);
    await signInWithPassword(user);
    await user.type(await screen.findByLabelText(/^Six-digit code/), '12345');
    await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));
    expect(await screen.findByText('Enter the six digits shown in your app.')).toBeInTheDocument();
    expect(calls.filter((c) => c.url.pathname === '/api/auth/login/totp')).toHaveLength(0);
  });

  it('when the challenge has expired, goes back to the password step and says why', async () => {
    const user = userEvent.setup();
    mockFetch({
      'POST /api/auth/login': () => json({ mfaRequired: true, mfaToken: 'old-token' }),
      'POST /api/auth/login/totp': () => json({ error: { code: 'MFA_CHALLENGE_EXPIRED', message: 'expired' } }, 401),
    });
    renderWithApp(<LoginForm onSuccess={vi.fn()} />);
    await signInWithPassword(user);
    await user.type(await screen.findByLabelText(/^Six-digit code/), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));

    expect(await screen.findByText('The sign-in took too long. Please enter your password again.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toHaveValue('');
    expect(screen.getByLabelText(/^E-mail address/)).toHaveValue(USER.email);
  });

  it('an account without two-factor sign-in is signed in by the password alone', async () => {
    const user = userEvent.setup();
    const onSuccess = vi.fn();
    mockFetch({ 'POST /api/auth/login': () => json({ user: USER, csrfToken: 'csrf-plain' }) });
    renderWithApp(<LoginForm onSuccess={onSuccess} />);
    await signInWithPassword(user);
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith({ user: USER, csrfToken: 'csrf-plain' }));
    expect(screen.queryByLabelText(/^Six-digit code/)).not.toBeInTheDocument();
  });

  it.each([
    ['en', { code: 'attempts.wait_seconds', params: { seconds: 8 } }, 'Too many attempts. Please wait 8 s and try again.'],
    ['ru', { code: 'attempts.wait_minutes', params: { minutes: 15 } }, 'Слишком много попыток. Попробуйте снова примерно через 15 мин.'],
  ] as const)('a held-back sign-in (429) says in %s how long to wait, and the form stays', async (locale, rule, text) => {
    await i18n.changeLanguage(locale);
    try {
      const user = userEvent.setup();
      const onSuccess = vi.fn();
      mockFetch({
        'POST /api/auth/login': () =>
          new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many attempts', details: { retryAfterSeconds: 8, rule } } }), {
            status: 429,
            headers: { 'Content-Type': 'application/json', 'Retry-After': '8' },
          }),
      });
      renderWithApp(<LoginForm onSuccess={onSuccess} />);
      await user.type(screen.getByLabelText(new RegExp(`^${i18n.t('auth.email')}`)), USER.email);
      await user.type(screen.getByLabelText(new RegExp(`^${i18n.t('auth.password')}`)), 'correct horse battery staple');
      await user.click(screen.getByRole('button', { name: i18n.t('auth.signIn') }));
      expect(await screen.findByRole('alert')).toHaveTextContent(text);
      expect(onSuccess).not.toHaveBeenCalled();
      expect(screen.getByLabelText(new RegExp(`^${i18n.t('auth.email')}`))).toHaveValue(USER.email);
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
