import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, makeProject, makeUser, TEST_PASSWORD } from '../factories';
import { startTestApp, type ApiClient, type ApiResponse, type TestApp } from './harness';
import { expectRejected, issuePaths } from './expect';
import { rawGet } from './raw-sql';
import { users } from '../../server/src/db/schema';

let app: TestApp;
let admin: ApiClient;
let adminId: number;

beforeAll(async () => {
  app = await startTestApp();
  const a = await makeUser(app.db, { role: 'admin', name: 'Aziza Admin' });
  adminId = a.id;
  admin = await app.login(a.email);
});
afterAll(() => app.close());

const USER_KEYS = ['createdAt', 'disabled', 'email', 'id', 'locale', 'name', 'organisation', 'projectIds', 'role', 'version'];
const newEmail = () => `new-${Math.random().toString(36).slice(2, 10)}@example.test`;
const GOOD_PASSWORD = 'a long enough passphrase';
const sessionCount = async (userId: number) =>
  (await rawGet<{ n: number }>(app.db, 'SELECT count(*) AS n FROM sessions WHERE user_id = ?', userId))?.n;

describe('GET /users', () => {
  it('lists users as {items, total}, each with the user fields only', async () => {
    const p = await makeProject(app.db);
    const u = await makeUser(app.db, { role: 'donor', name: 'Listed Donor', organisation: 'Fund', projectIds: [p.id] });
    const res = await admin.get('/users');
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['items', 'total']);
    expect(res.body.total).toBe(res.body.items.length);
    for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(USER_KEYS);
    expect(res.body.items.find((x: { id: number }) => x.id === u.id)).toEqual({
      id: u.id,
      email: u.email,
      name: 'Listed Donor',
      organisation: 'Fund',
      role: 'donor',
      locale: 'en',
      disabled: false,
      projectIds: [p.id],
      createdAt: expect.any(String),
      version: 1,
    });
  });

  it('filters by role and by q on name or e-mail', async () => {
    const tag = `q${Math.random().toString(36).slice(2, 8)}`;
    const partner = await makeUser(app.db, { role: 'partner', name: `Partner ${tag}` });
    const donor = await makeUser(app.db, { role: 'donor', email: `${tag}@example.test` });
    const ids = async (query: string) => (await admin.get(`/users?${query}`)).body.items.map((x: { id: number }) => x.id);
    expect(await ids(`q=${tag}`)).toEqual(expect.arrayContaining([partner.id, donor.id]));
    expect((await ids(`q=${tag}`)).length).toBe(2);
    expect(await ids(`q=${tag}&role=donor`)).toEqual([donor.id]);
  });

  it('q treats _ and % literally, so an e-mail with an underscore is found', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const underscore = await makeUser(app.db, { role: 'donor', email: `first_last.${tag}@example.test` });
    await makeUser(app.db, { role: 'donor', email: `firstxlast.${tag}@example.test` });
    const percent = await makeUser(app.db, { role: 'donor', name: `Share 100% ${tag}` });
    await makeUser(app.db, { role: 'donor', name: `Share 1000 ${tag}` });
    const ids = async (q: string) => {
      const res = await admin.get(`/users?q=${encodeURIComponent(q)}`);
      expect(res.status, res.text).toBe(200);
      return res.body.items.map((x: { id: number }) => x.id);
    };
    expect(await ids(`first_last.${tag}`)).toEqual([underscore.id]);
    expect(await ids(`100% ${tag}`)).toEqual([percent.id]);
  });

  it('GET /users/:id returns one user; an unknown id returns 404', async () => {
    const u = await makeUser(app.db, { role: 'partner' });
    const res = await admin.get(`/users/${u.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: u.id, email: u.email, role: 'partner' });
    expect(await admin.get('/users/999999999')).toBeRejectedWith(404, 'NOT_FOUND');
  });
});

describe('POST /users', () => {
  it('creates a user who can then sign in; 201 with the user and one audit row', async () => {
    const p = await makeProject(app.db);
    const email = newEmail();
    const res = await admin.post('/users', {
      email: `  ${email.toUpperCase()} `,
      name: 'New Partner',
      organisation: 'Ministry of Labour',
      role: 'partner',
      password: GOOD_PASSWORD,
      projectIds: [p.id, p.id],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      email,
      name: 'New Partner',
      organisation: 'Ministry of Labour',
      role: 'partner',
      locale: null,
      disabled: false,
      projectIds: [p.id],
      createdAt: expect.any(String),
      version: 1,
    });
    const login = await app.anonymous().post('/auth/login', { email, password: GOOD_PASSWORD });
    expect(login.status, login.text).toBe(200);
    expect(login.body.user).toMatchObject({ id: res.body.id, role: 'partner' });
    const audit = await auditRows(app.db, 'user', res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', user_id: adminId, after: res.body });
  });

  it("without a language (the default) the account has none until its first sign-in, which gives it the sign-in page's language", async () => {
    const email = newEmail();
    const res = await admin.post('/users', { email, name: 'No Language Yet', role: 'partner', password: GOOD_PASSWORD });
    expect(res.status, res.text).toBe(201);
    expect(res.body.locale).toBeNull();
    expect((await admin.get(`/users/${res.body.id}`)).body.locale).toBeNull();
    const login = await app.anonymous().post('/auth/login', { email, password: GOOD_PASSWORD, locale: 'ru' });
    expect(login.body.user.locale).toBe('ru');
    expect((await admin.get(`/users/${res.body.id}`)).body.locale).toBe('ru');
  });

  it("with a language (or an explicit null) saves it; a chosen language is not replaced by the sign-in page's", async () => {
    const email = newEmail();
    const res = await admin.post('/users', { email, name: 'Tajik Reader', role: 'partner', password: GOOD_PASSWORD, locale: 'tg' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.locale).toBe('tg');
    expect((await auditRows(app.db, 'user', res.body.id))[0]).toMatchObject({ action: 'create', after: expect.objectContaining({ locale: 'tg' }) });
    const login = await app.anonymous().post('/auth/login', { email, password: GOOD_PASSWORD, locale: 'en' });
    expect(login.body.user.locale).toBe('tg');
    const unset = await admin.post('/users', { email: newEmail(), name: 'Explicitly None', role: 'donor', password: GOOD_PASSWORD, locale: null });
    expect(unset.status, unset.text).toBe(201);
    expect(unset.body.locale).toBeNull();
  });

  it('with an unsupported language returns 400 on locale and writes nothing', async () => {
    for (const locale of ['fr', '', 'RU']) {
      const res = await expectRejected(
        app.db,
        () => admin.post('/users', { email: newEmail(), name: 'X', role: 'donor', password: GOOD_PASSWORD, locale }),
        400,
        'VALIDATION_FAILED',
      );
      expect(issuePaths(res)).toEqual(['locale']);
    }
  });

  it.each([
    ['shorter than 12 characters', 'elevenchars'],
    ['a common password', 'password1234'],
    ['a common password in another case', 'Welcome12345'],
  ])('with a password %s returns 400 on password and writes nothing', async (_label, password) => {
    const res = await expectRejected(
      app.db,
      () => admin.post('/users', { email: newEmail(), name: 'X', role: 'donor', password }),
      400,
      'VALIDATION_FAILED',
    );
    expect(issuePaths(res)).toEqual(['password']);
  });

  it('with an e-mail already in use (in any case) returns 409 CONFLICT on email and writes nothing', async () => {
    const existing = await makeUser(app.db);
    const res = await expectRejected(
      app.db,
      () => admin.post('/users', { email: existing.email.toUpperCase(), name: 'Twin', role: 'donor', password: GOOD_PASSWORD }),
      409,
      'CONFLICT',
    );
    expect(res.body.error.details).toEqual({
      issues: [{ path: 'email', code: 'user.email_taken', params: {}, message: expect.any(String) }],
      rule: { code: 'user.email_taken', params: {} },
    });
  });

  it('with an unknown project id returns 400 on projectIds and writes nothing', async () => {
    const p = await makeProject(app.db);
    const res = await expectRejected(
      app.db,
      () => admin.post('/users', { email: newEmail(), name: 'X', role: 'donor', password: GOOD_PASSWORD, projectIds: [p.id, 999_999_999] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(issuePaths(res)).toEqual(['projectIds']);
  });
});

describe('PATCH /users/:id', () => {
  it('sets role and memberships; the user then sees exactly those projects', async () => {
    const [p1, p2, p3] = [await makeProject(app.db), await makeProject(app.db), await makeProject(app.db)];
    const u = await makeUser(app.db, { role: 'donor', projectIds: [p1.id] });
    const client = await app.login(u.email);
    const res = await admin.patch(`/users/${u.id}`, { version: u.version, role: 'manager', projectIds: [p3.id, p2.id] });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: u.id, role: 'manager', projectIds: [p2.id, p3.id], version: u.version + 1 });
    expect((await client.get('/auth/me')).body.user.role).toBe('manager');
    expect((await client.get(`/projects/${p2.id}`)).status).toBe(200);
    expect((await client.get(`/projects/${p1.id}`)).status).toBe(404);
    const audit = await auditRows(app.db, 'user', u.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update', before: { role: 'donor', projectIds: [p1.id] }, after: res.body });
  });

  it('with an unknown project id returns 400 on projectIds and changes nothing', async () => {
    const u = await makeUser(app.db);
    const res = await expectRejected(
      app.db,
      () => admin.patch(`/users/${u.id}`, { version: u.version, projectIds: [999_999_999] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(issuePaths(res)).toEqual(['projectIds']);
  });

  it('with a stale version returns 409 VERSION_CONFLICT with the current user and changes nothing', async () => {
    const u = await makeUser(app.db);
    const res = await expectRejected(app.db, () => admin.patch(`/users/${u.id}`, { version: u.version + 1, name: 'X' }), 409, 'VERSION_CONFLICT');
    expect(res.body.error.details.current).toEqual((await admin.get(`/users/${u.id}`)).body);
  });

  it('disabling a user ends all their sessions at once; they cannot sign in until enabled again', async () => {
    const u = await makeUser(app.db, { role: 'partner' });
    const c1 = await app.login(u.email);
    const c2 = await app.login(u.email);
    expect(await sessionCount(u.id)).toBe(2);
    const res = await admin.patch(`/users/${u.id}`, { version: u.version, disabled: true });
    expect(res.status, res.text).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect(await sessionCount(u.id)).toBe(0);
    expect(await c1.get('/auth/me')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    expect(await c2.get('/projects')).toBeRejectedWith(401, 'UNAUTHENTICATED');
    expect(await app.anonymous().post('/auth/login', { email: u.email, password: TEST_PASSWORD })).toBeRejectedWith(401, 'INVALID_CREDENTIALS');

    const enabled = await admin.patch(`/users/${u.id}`, { version: res.body.version, disabled: false });
    expect(enabled.body.disabled).toBe(false);
    expect((await app.anonymous().post('/auth/login', { email: u.email, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('an admin cannot disable themselves or drop their own admin role (403) and nothing changes', async () => {
    const me = await makeUser(app.db, { role: 'admin' });
    const client = await app.login(me.email);
    await expectRejected(app.db, () => client.patch(`/users/${me.id}`, { version: me.version, disabled: true }), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => client.patch(`/users/${me.id}`, { version: me.version, role: 'manager' }), 403, 'FORBIDDEN');
    expect(await sessionCount(me.id)).toBe(1);
    expect((await client.get('/auth/me')).status).toBe(200);
    // Editing their own name is fine.
    expect((await client.patch(`/users/${me.id}`, { version: me.version, name: 'Still Admin' })).status).toBe(200);
  });
});

describe('non-admins', () => {
  it.each(['manager', 'partner', 'donor'] as const)('a %s gets 403 FORBIDDEN on every /users route and nothing changes', async (role) => {
    const me = await makeUser(app.db, { role });
    const client = await app.login(me.email);
    const target = await makeUser(app.db, { role: 'donor' });
    await expectRejected(app.db, () => client.get('/users'), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => client.get(`/users/${target.id}`), 403, 'FORBIDDEN');
    await expectRejected(
      app.db,
      () => client.post('/users', { email: newEmail(), name: 'X', role: 'admin', password: GOOD_PASSWORD }),
      403,
      'FORBIDDEN',
    );
    await expectRejected(app.db, () => client.patch(`/users/${target.id}`, { version: target.version, role: 'admin' }), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => client.patch(`/users/${me.id}`, { version: me.version, role: 'admin' }), 403, 'FORBIDDEN');
  });
});

describe('password hashes', () => {
  it('never appear in any /users or /auth response, nor in the audit log', async () => {
    const p = await makeProject(app.db);
    const email = newEmail();
    const texts: string[] = [];
    const keep = (res: ApiResponse) => {
      expect(res.status, res.text).toBeLessThan(300);
      texts.push(res.text);
      return res;
    };
    const created = keep(await admin.post('/users', { email, name: 'Hash Check', role: 'manager', password: GOOD_PASSWORD, projectIds: [p.id] }));
    keep(await admin.get('/users'));
    keep(await admin.get(`/users/${created.body.id}`));
    const patched = keep(await admin.patch(`/users/${created.body.id}`, { version: created.body.version, name: 'Hash Checked' }));
    keep(await admin.patch(`/users/${created.body.id}`, { version: patched.body.version, disabled: true }));
    const u = await makeUser(app.db);
    const client = new (admin.constructor as new (url: string) => ApiClient)(app.url);
    const login = keep(await client.post('/auth/login', { email: u.email, password: TEST_PASSWORD }));
    client.csrfToken = login.body.csrfToken;
    keep(await client.get('/auth/me'));
    keep(await client.patch('/auth/preferences', { locale: 'ru' }));
    const stale = await admin.patch(`/users/${u.id}`, { version: 99, name: 'X' });
    expect(stale.status).toBe(409);
    texts.push(stale.text);

    const hashes = (await app.db.select({ h: users.passwordHash }).from(users)).map((r) => r.h);
    expect(hashes.length).toBeGreaterThan(1);
    for (const text of texts) {
      expect(text).not.toMatch(/passwordHash|password_hash|scrypt\$/);
      for (const h of hashes) expect(text).not.toContain(h.split('$').at(-1));
    }
    expect(JSON.stringify(await auditRows(app.db, 'user'))).not.toMatch(/passwordHash|scrypt\$/);
  });
});
