import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '@shared/locales';
import { LoginRoute } from '@/app/routes/auth/login';
import { setUnauthenticatedHandler } from '@/lib/api-client';
import { currentLocale, i18n } from '@/lib/i18n';
import { json, mockFetch, renderWithApp, type RecordedCall } from './test-utils';

const USER = { id: 7, email: 'dilnoza@example.test', name: 'Dilnoza K', role: 'partner' } as const;

/** The sign-in page as the app shows it, with the server answering the sign-in for an account in `accountLocale`. */
function renderSignIn(accountLocale: Locale | null) {
  const mocks = mockFetch({
    'GET /api/auth/me': () => json({ error: { code: 'UNAUTHENTICATED', message: 'Sign in to continue' } }, 401),
    'POST /api/auth/login': () => json({ user: { ...USER, locale: accountLocale }, csrfToken: 'csrf-1' }),
    'PATCH /api/auth/preferences': (call) => json({ user: { ...USER, locale: (call.body as { locale: Locale }).locale } }),
  });
  const view = renderWithApp(<LoginRoute />, { url: '/login' });
  // The language the interface was in each time the sign-in page was left for the next one.
  const enteredIn: string[] = [];
  let path = view.router.state.location.pathname;
  view.router.subscribe((state) => {
    if (state.location.pathname !== path && state.location.pathname === '/') enteredIn.push(currentLocale());
    path = state.location.pathname;
  });
  return { ...view, ...mocks, enteredIn };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Fills in and sends the form, finding its fields by their labels in the page's current language. */
async function signIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText(new RegExp(`^${escape(i18n.t('auth.email'))}`)), USER.email);
  await user.type(screen.getByLabelText(new RegExp(`^${escape(i18n.t('auth.password'))}`)), 'correct horse battery staple');
  await user.click(screen.getByRole('button', { name: i18n.t('auth.signIn') }));
}

const loginBody = (calls: RecordedCall[]) => calls.find((c) => c.url.pathname === '/api/auth/login')?.body;
const preferenceCalls = (calls: RecordedCall[]) => calls.filter((c) => c.url.pathname === '/api/auth/preferences');

beforeEach(() => {
  setUnauthenticatedHandler(vi.fn());
});
afterEach(async () => {
  sessionStorage.clear();
  await i18n.changeLanguage('en');
});

describe('The sign-in page and the account language', () => {
  it('a new account signing in from a Russian browser sends ru with the password, stays in Russian and saves nothing more', async () => {
    // What the detector makes of a browser set to Russian.
    await i18n.changeLanguage('ru');
    const user = userEvent.setup();
    // The server gives an account without a language the one sent with the password.
    const { calls, router, enteredIn } = renderSignIn('ru');
    await signIn(user);

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(loginBody(calls)).toEqual({ email: USER.email, password: 'correct horse battery staple', locale: 'ru' });
    expect(enteredIn).toEqual(['ru']);
    expect(preferenceCalls(calls)).toEqual([]);
  });

  it('an account with a chosen language replaces the page’s, and the next page opens only once that language is loaded', async () => {
    const user = userEvent.setup();
    const { calls, router, enteredIn } = renderSignIn('tg');
    await signIn(user);

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(loginBody(calls)).toMatchObject({ locale: 'en' });
    expect(enteredIn).toEqual(['tg']);
    expect(document.documentElement.lang).toBe('tg');
    expect(preferenceCalls(calls)).toEqual([]);
  });

  it('a language picked by hand on the sign-in page wins over the account’s and is saved on it', async () => {
    const user = userEvent.setup();
    const { calls, router, enteredIn } = renderSignIn('en');
    await user.click(screen.getByRole('button', { name: 'Русский' }));
    await waitFor(() => expect(currentLocale()).toBe('ru'));
    await signIn(user);

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(loginBody(calls)).toMatchObject({ locale: 'ru' });
    expect(enteredIn).toEqual(['ru']);
    await waitFor(() => expect(preferenceCalls(calls).map((c) => c.body)).toEqual([{ locale: 'ru' }]));
  });

  it('an account still without a language (the server saved none) keeps the page’s language and saves nothing', async () => {
    await i18n.changeLanguage('tg');
    const changeLanguage = vi.spyOn(i18n, 'changeLanguage');
    const user = userEvent.setup();
    const { calls, router, enteredIn } = renderSignIn(null);
    await signIn(user);

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(enteredIn).toEqual(['tg']);
    expect(changeLanguage).not.toHaveBeenCalled();
    expect(preferenceCalls(calls)).toEqual([]);
  });
});
