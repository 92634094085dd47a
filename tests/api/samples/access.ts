import { makeResetToken, makeUser, TEST_PASSWORD } from '../../factories';
import { rawGet } from '../raw-sql';
import { enrolTotp, forgetUsedCodes, markTotpEnabled, totpCode } from '../totp-support';
import type { RouteKey } from '../../../server/src/http/policy';
import { app, userIds, freshClient, type Sample } from './context';

/** Sign-in, sessions, two-factor sign-in, security settings and user accounts. */
export const ACCESS_SAMPLES = {
  'GET /health': async () => ({ method: 'GET', path: '/health' }),
  'POST /auth/login': async () => {
    // An account without a language yet: a sign-in from a Russian page gives it Russian.
    const user = await makeUser(app.db, { role: 'donor', locale: null });
    return { method: 'POST', path: '/auth/login', body: { email: user.email, password: TEST_PASSWORD, locale: 'ru' } };
  },
  'GET /auth/me': async () => ({ method: 'GET', path: '/auth/me' }),
  'POST /auth/logout': async (role) => ({ client: await freshClient(role), method: 'POST', path: '/auth/logout' }),
  'PATCH /auth/preferences': async () => ({ method: 'PATCH', path: '/auth/preferences', body: { locale: 'ru' } }),
  'POST /auth/password': async (role) => ({
    client: await freshClient(role),
    method: 'POST',
    path: '/auth/password',
    body: { currentPassword: TEST_PASSWORD, newPassword: 'a much longer passphrase 2026' },
  }),
  'POST /auth/login/totp': async () => {
    const user = await makeUser(app.db, { role: 'manager' });
    const { secret } = await enrolTotp(await app.login(user.email));
    await forgetUsedCodes(app.db, user.id);
    const first = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    return { method: 'POST', path: '/auth/login/totp', body: { mfaToken: first.body.mfaToken, code: totpCode(secret) } };
  },
  'POST /auth/password-reset': async () => {
    const user = await makeUser(app.db, { role: 'partner' });
    return {
      method: 'POST',
      path: '/auth/password-reset',
      body: { token: await makeResetToken(app.db, user.id), newPassword: 'a brand new passphrase 2026' },
    };
  },
  'GET /auth/totp': async () => ({ method: 'GET', path: '/auth/totp' }),
  'POST /auth/totp/setup': async (role) => ({ client: await freshClient(role), method: 'POST', path: '/auth/totp/setup' }),
  'POST /auth/totp/enable': async (role) => {
    const client = await freshClient(role);
    const setup = await client.post('/auth/totp/setup');
    return { client, method: 'POST', path: '/auth/totp/enable', body: { code: totpCode(setup.body.secret) } };
  },
  'POST /auth/totp/disable': async (role) => {
    const user = await makeUser(app.db, { role });
    const client = await app.login(user.email);
    const { secret } = await enrolTotp(client);
    await forgetUsedCodes(app.db, user.id);
    return { client, method: 'POST', path: '/auth/totp/disable', body: { password: TEST_PASSWORD, code: totpCode(secret) } };
  },
  'GET /auth/sessions': async () => ({ method: 'GET', path: '/auth/sessions' }),
  'DELETE /sessions/:id': async (role) => {
    // Another session of the caller's own account, so the caller's client stays signed in.
    const { email } = (await rawGet<{ email: string }>(app.db, 'SELECT email FROM users WHERE id = ?', userIds[role]))!;
    const other = await app.login(email);
    const listed = await other.get('/auth/sessions');
    const current = (listed.body.items as { id: string; current: boolean }[]).find((s) => s.current);
    return { method: 'DELETE', path: `/sessions/${current?.id ?? 'missing'}` };
  },
  'GET /users/:id/sessions': async () => ({ method: 'GET', path: `/users/${userIds.donor}/sessions` }),
  'POST /users/:id/password-reset': async () => {
    const user = await makeUser(app.db, { role: 'partner' });
    return { method: 'POST', path: `/users/${user.id}/password-reset` };
  },
  'DELETE /users/:id/totp': async () => {
    const user = await makeUser(app.db, { role: 'manager' });
    await markTotpEnabled(app.db, user.id);
    return { method: 'DELETE', path: `/users/${user.id}/totp` };
  },
  'GET /settings/security': async () => ({ method: 'GET', path: '/settings/security' }),
  // Turning the requirement on needs the admin's own two-factor sign-in, so fuzzing cannot lock the other tests out.
  'PATCH /settings/security': async () => ({ method: 'PATCH', path: '/settings/security', body: { requireTotpForEditors: false } }),
  'GET /users': async () => ({ method: 'GET', path: '/users' }),
  'POST /users': async () => ({
    method: 'POST',
    path: '/users',
    body: {
      email: `new-${Math.random().toString(36).slice(2, 8)}@example.test`,
      name: 'New Person',
      role: 'partner',
      password: 'a long enough passphrase',
      locale: 'tg',
    },
  }),
  'GET /users/:id': async () => ({ method: 'GET', path: `/users/${userIds.donor}` }),
  'PATCH /users/:id': async () => {
    const user = await makeUser(app.db, { role: 'partner' });
    return { method: 'PATCH', path: `/users/${user.id}`, body: { version: user.version, organisation: 'Ministry' } };
  },
} satisfies Partial<Record<RouteKey, Sample>>;
