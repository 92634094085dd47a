import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_POLICY, MFA_ENROLMENT_ROUTES, type RouteKey } from '../../server/src/http/policy';
import { makeUser, TEST_PASSWORD } from '../factories';
import { databaseDigest, startTestApp, type TestApp } from './harness';
import { enrolTotp, forgetUsedCodes, totpCode } from './totp-support';
import { enrolledUser } from './session-support';

describe('requiring two-factor sign-in for editors', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('PATCH /settings/security: an admin without two-factor sign-in gets 409 MFA_NOT_ENABLED; a manager gets 403', async () => {
    const admin = await app.login((await makeUser(app.db, { role: 'admin' })).email);
    const before = await databaseDigest(app.db);
    expect(await admin.patch('/settings/security', { requireTotpForEditors: true })).toBeRejectedWith(409, 'MFA_NOT_ENABLED');
    expect(await databaseDigest(app.db)).toBe(before);
    const manager = await app.login((await makeUser(app.db, { role: 'manager' })).email);
    expect(await manager.patch('/settings/security', { requireTotpForEditors: true })).toBeRejectedWith(403, 'FORBIDDEN');
    expect((await admin.get('/settings/security')).body).toEqual({ requireTotpForEditors: false });
  });

  describe('once an enrolled admin turns it on', () => {
    let admin: Awaited<ReturnType<typeof enrolledUser>>;
    beforeAll(async () => {
      admin = await enrolledUser(app, 'admin');
      const res = await admin.client.patch('/settings/security', { requireTotpForEditors: true });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ requireTotpForEditors: true });
    });
    afterAll(async () => {
      await admin.client.patch('/settings/security', { requireTotpForEditors: false });
    });

    it('a manager without it signs in to {user, csrfToken, mfaEnrolmentRequired: true}, and /auth/me says so too', async () => {
      const manager = await makeUser(app.db, { role: 'manager' });
      const res = await app.anonymous().post('/auth/login', { email: manager.email, password: TEST_PASSWORD });
      expect(res.status, res.text).toBe(200);
      expect(res.body).toEqual({ user: expect.objectContaining({ id: manager.id }), csrfToken: expect.any(String), mfaEnrolmentRequired: true });
      const client = await app.login(manager.email);
      expect((await client.get('/auth/me')).body.mfaEnrolmentRequired).toBe(true);
      expect((await client.get('/auth/totp')).body).toMatchObject({ enabled: false, required: true });
    });

    it.each(['admin', 'manager'] as const)(
      'a restricted %s gets 403 MFA_ENROLMENT_REQUIRED on every route but set-up, me, language and sign-out',
      async (role) => {
        const user = await makeUser(app.db, { role });
        const client = await app.login(user.email);
        const blocked = (Object.keys(ROUTE_POLICY) as RouteKey[]).filter((k) => ROUTE_POLICY[k] !== 'public' && !MFA_ENROLMENT_ROUTES.has(k));
        expect(blocked.length).toBeGreaterThan(50);
        const before = await databaseDigest(app.db);
        for (const key of blocked) {
          const [method = 'GET', template = ''] = key.split(' ');
          // The guard answers before ids or bodies are looked at, so any will do.
          const path = template.replace(/:[A-Za-z]+/g, '1');
          const res = await client.request(method, path, method === 'GET' ? {} : { body: {} });
          expect(res.status, `${key}: ${res.text}`).toBe(403);
          expect(res.body.error.code, key).toBe('MFA_ENROLMENT_REQUIRED');
        }
        expect(await databaseDigest(app.db)).toBe(before);
        expect((await client.patch('/auth/preferences', { locale: 'ru' })).status).toBe(200);
        expect((await client.get('/auth/totp')).status).toBe(200);

        // Setting it up lifts the restriction on the same session.
        const { secret } = await enrolTotp(client);
        expect(secret).toBeTruthy();
        expect((await client.get('/projects')).status).toBe(200);
        expect((await client.get('/auth/me')).body.mfaEnrolmentRequired).toBeUndefined();
        expect((await client.post('/auth/logout')).status).toBe(204);
      },
    );

    it('a session that was open before the requirement is restricted at once; partners and donors are not', async () => {
      await admin.client.patch('/settings/security', { requireTotpForEditors: false });
      const manager = await app.login((await makeUser(app.db, { role: 'manager' })).email);
      const partner = await app.login((await makeUser(app.db, { role: 'partner' })).email);
      expect((await manager.get('/projects')).status).toBe(200);
      await admin.client.patch('/settings/security', { requireTotpForEditors: true });
      expect(await manager.get('/projects')).toBeRejectedWith(403, 'MFA_ENROLMENT_REQUIRED');
      expect((await partner.get('/projects')).status).toBe(200);
      expect((await partner.get('/auth/me')).body.mfaEnrolmentRequired).toBeUndefined();
      // The admin who has it is not restricted.
      expect((await admin.client.get('/users')).status).toBe(200);
    });

    it('an enrolled manager cannot turn it off while it is required (409 MFA_REQUIRED_FOR_ROLE)', async () => {
      const manager = await enrolledUser(app);
      await forgetUsedCodes(app.db, manager.user.id);
      expect(await manager.client.post('/auth/totp/disable', { password: TEST_PASSWORD, code: totpCode(manager.secret) })).toBeRejectedWith(
        409,
        'MFA_REQUIRED_FOR_ROLE',
      );
      expect((await manager.client.get('/auth/totp')).body).toMatchObject({ enabled: true, required: true });
    });
  });
});
