import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, makeUser, TEST_PASSWORD } from '../factories';
import { databaseDigest, startTestApp, type TestApp } from './harness';
import { rawGet } from './raw-sql';
import { enrolTotp, forgetUsedCodes, totpCode } from './totp-support';
import { sessionCookieSet } from './session-support';

const NEW_PASSWORD = 'a much longer passphrase 2026';

describe('auth with the default configuration', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  describe('the account language at sign-in', () => {
    const localeInDb = async (userId: number) =>
      (await rawGet<{ locale: string | null }>(app.db, 'SELECT locale FROM users WHERE id = ?', userId))!.locale;

    it('a new account without a language, signed in from a Russian page, becomes Russian: the answer, /auth/me and a later sign-in in English all say ru', async () => {
      const user = await makeUser(app.db, { locale: null });
      const client = app.anonymous();
      const res = await client.post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'ru' });
      expect(res.status, res.text).toBe(200);
      expect(res.body.user).toEqual({ id: user.id, email: user.email, name: user.name, role: user.role, locale: 'ru' });
      expect(await localeInDb(user.id)).toBe('ru');
      expect((await client.get('/auth/me')).body.user.locale).toBe('ru');
      // From now on it is the account's language: another browser in English does not change it.
      const elsewhere = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'en' });
      expect(elsewhere.body.user.locale).toBe('ru');
      expect(await localeInDb(user.id)).toBe('ru');
    });

    it('an account with a chosen language keeps it when signed in from a page in another language', async () => {
      const user = await makeUser(app.db, { locale: 'tg' });
      const before = (await auditRows(app.db, 'user', user.id)).length;
      const res = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'ru' });
      expect(res.status, res.text).toBe(200);
      expect(res.body.user.locale).toBe('tg');
      expect(await localeInDb(user.id)).toBe('tg');
      expect(await auditRows(app.db, 'user', user.id)).toHaveLength(before);
    });

    it('a sign-in that names no language leaves a new account without one (null), and the next sign-in with a language sets it', async () => {
      const user = await makeUser(app.db, { locale: null });
      const client = app.anonymous();
      const res = await client.post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(res.status, res.text).toBe(200);
      expect(res.body.user.locale).toBeNull();
      expect((await client.get('/auth/me')).body.user.locale).toBeNull();
      expect(await localeInDb(user.id)).toBeNull();
      const next = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'tg' });
      expect(next.body.user.locale).toBe('tg');
    });

    it('choosing a language in the app (PATCH /auth/preferences) sets it on an account that had none, and sign-ins elsewhere keep it', async () => {
      const user = await makeUser(app.db, { locale: null });
      const client = await app.login(user.email);
      expect((await client.patch('/auth/preferences', { locale: 'tg' })).body.user.locale).toBe('tg');
      const again = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'en' });
      expect(again.body.user.locale).toBe('tg');
    });

    it('with two-factor sign-in, the language sent with the password is saved when the code starts the session', async () => {
      const user = await makeUser(app.db, { locale: null });
      const { secret } = await enrolTotp(await app.login(user.email));
      await forgetUsedCodes(app.db, user.id);
      const client = app.anonymous();
      const first = await client.post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'ru' });
      expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
      // The password alone starts nothing, so it saves nothing either.
      expect(await localeInDb(user.id)).toBeNull();
      const second = await client.post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: totpCode(secret) });
      expect(second.status, second.text).toBe(200);
      expect(second.body.user.locale).toBe('ru');
      expect(await localeInDb(user.id)).toBe('ru');
    });

    it('a wrong password with a language changes nothing; an unsupported language is 400 VALIDATION_FAILED without a session', async () => {
      const user = await makeUser(app.db, { locale: null });
      const before = await databaseDigest(app.db);
      expect(await app.anonymous().post('/auth/login', { email: user.email, password: 'wrong password', locale: 'ru' })).toBeRejectedWith(
        401,
        'INVALID_CREDENTIALS',
      );
      const fr = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD, locale: 'fr' });
      expect(fr).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(fr.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['locale']);
      expect(sessionCookieSet(fr)).toBeUndefined();
      expect(await databaseDigest(app.db)).toBe(before);
      expect(await localeInDb(user.id)).toBeNull();
    });
  });

  describe('PATCH /auth/preferences', () => {
    it('saves the locale: the answer, /auth/me and the next sign-in all carry it', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const res = await client.patch('/auth/preferences', { locale: 'tg' });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: 'tg' } });
      expect((await client.get('/auth/me')).body.user.locale).toBe('tg');
      const again = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      expect(again.body.user.locale).toBe('tg');
    });

    it('with an unknown locale or an unknown field returns 400 VALIDATION_FAILED and changes nothing', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const before = await databaseDigest(app.db);
      const fr = await client.patch('/auth/preferences', { locale: 'fr' });
      expect(fr).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(fr.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['locale']);
      expect(await client.patch('/auth/preferences', { locale: 'ru', role: 'admin' })).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(await databaseDigest(app.db)).toBe(before);
      expect((await client.get('/auth/me')).body.user).toMatchObject({ locale: 'en', role: user.role });
    });
  });

  describe('POST /auth/password', () => {
    it.each([
      ['a password shorter than 12 characters', 'short pass1'],
      ['a common password (any case)', 'Password1234'],
    ])('rejects %s with 400 VALIDATION_FAILED on newPassword and changes nothing', async (_label, newPassword) => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const before = await databaseDigest(app.db);
      const res = await client.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword });
      expect(res).toBeRejectedWith(400, 'VALIDATION_FAILED');
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['newPassword']);
      expect(await databaseDigest(app.db)).toBe(before);
      expect((await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(200);
    });

    it('with a wrong current password returns 401 INVALID_CREDENTIALS and changes nothing', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const before = await databaseDigest(app.db);
      const res = await client.post('/auth/password', { currentPassword: 'not my password', newPassword: NEW_PASSWORD });
      expect(res).toBeRejectedWith(401, 'INVALID_CREDENTIALS');
      expect(await databaseDigest(app.db)).toBe(before);
      expect((await client.get('/auth/me')).status).toBe(200);
    });

    it('with a good new password returns 204; the new password signs in, the old one no longer does', async () => {
      const user = await makeUser(app.db);
      const client = await app.login(user.email);
      const res = await client.post('/auth/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
      expect(res.status, res.text).toBe(204);
      expect(res.text).toBe('');

      const withNew = await app.anonymous().post('/auth/login', { email: user.email, password: NEW_PASSWORD });
      expect(withNew.status, withNew.text).toBe(200);
      expect(await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD })).toBeRejectedWith(401, 'INVALID_CREDENTIALS');

      const audit = await auditRows(app.db, 'user', user.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'update', user_id: user.id, note: 'password changed' });
      expect(JSON.stringify(audit)).not.toMatch(/scrypt|passwordHash|a much longer/);
    });
  });
});
