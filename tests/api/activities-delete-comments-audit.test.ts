import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, makeProject } from '../factories';
import { startTestApp, type ApiClient, type ApiResponse, type TestApp } from './harness';
import { expectRejected } from './expect';

let app: TestApp;

let manager: ApiClient;

let partner: ApiClient;

let donor: ApiClient;

let outsider: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  const login = async (key: keyof typeof ids, role: 'manager' | 'partner' | 'donor') => {
    const { user, client } = await app.signInAs(role, { name: names[key] });
    ids[key] = user.id;
    return client;
  };
  manager = await login('manager', 'manager');
  partner = await login('partner', 'partner');
  donor = await login('donor', 'donor');
  outsider = await login('outsider', 'partner');
});

afterAll(() => app.close());

const ids = { manager: 0, partner: 0, donor: 0, outsider: 0 };

const names = { manager: 'Farrukh Manager', partner: 'Dilnoza Partner', donor: 'Jonas Donor', outsider: 'Outside Partner' };

/** A project the manager, partner and donor belong to, with two outcomes made through the API. */
async function world() {
  const project = await makeProject(app.db, { memberIds: [ids.manager, ids.partner, ids.donor] });
  const o1 = (await manager.post(`/projects/${project.id}/outcomes`, { title: 'Outcome one' })).body as {
    id: number;
    projectId: number;
    version: number;
  };
  const o2 = (await manager.post(`/projects/${project.id}/outcomes`, { title: 'Outcome two' })).body as {
    id: number;
    projectId: number;
    version: number;
  };
  const create = async (outcomeId: number, extra: Record<string, unknown> = {}) => {
    const res = await manager.post(`/projects/${project.id}/activities`, { outcomeId, kind: 'national_forum', title: 'Forum', ...extra });
    expect(res.status, res.text).toBe(201);
    return res.body as { id: number; version: number; position: number; outcomeId: number; outputId: number | null };
  };
  return { project, o1, o2, create };
}

describe('DELETE /activities/:id', () => {
  it('with the current version returns 204, removes it, renumbers the rest and writes one audit row', async () => {
    const { project, o1, create } = await world();
    const a = await create(o1.id);
    const b = await create(o1.id);
    const c = await create(o1.id);
    const res = await manager.delete(`/activities/${a.id}?version=${a.version}`);
    expect(res.status, res.text).toBe(204);
    expect(await manager.get(`/activities/${a.id}`)).toBeRejectedWith(404, 'NOT_FOUND');
    const items = (await manager.get(`/projects/${project.id}/activities`)).body.items;
    expect(items.map((x: { id: number; position: number }) => [x.id, x.position])).toEqual([
      [b.id, 1],
      [c.id, 2],
    ]);
    const audit = await auditRows(app.db, 'activity', a.id);
    expect(audit.map((r) => r.action)).toEqual(['create', 'delete']);
    expect(audit[1]).toMatchObject({ user_id: ids.manager, after: null });
    expect(audit[1]?.before).toMatchObject({ id: a.id, title: 'Forum' });
  });

  it('without a version returns 400 and with a stale one 409, deleting nothing', async () => {
    const { o1, create } = await world();
    const a = await create(o1.id);
    await expectRejected(app.db, () => manager.delete(`/activities/${a.id}`), 400, 'VALIDATION_FAILED');
    const stale = await expectRejected(app.db, () => manager.delete(`/activities/${a.id}?version=${a.version + 1}`), 409, 'VERSION_CONFLICT');
    expect(stale.body.error.details.current).toMatchObject({ id: a.id, version: a.version });
  });
});

describe('comments', () => {
  it('a partner member may POST a comment: 201 with the author name and role, and one audit row', async () => {
    const { o1, create } = await world();
    const activity = await create(o1.id);
    const res = await partner.post(`/activities/${activity.id}/comments`, { body: '  Хорошо, спасибо.  ' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      activityId: activity.id,
      author: { id: ids.partner, name: names.partner, role: 'partner' },
      body: 'Хорошо, спасибо.',
      createdAt: expect.any(String),
    });
    const audit = await auditRows(app.db, 'comment', res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', user_id: ids.partner, after: res.body });
  });

  it('a donor member gets 403 FORBIDDEN and a non-member 404 NOT_FOUND; nothing is written', async () => {
    const { o1, create } = await world();
    const activity = await create(o1.id);
    await expectRejected(app.db, () => donor.post(`/activities/${activity.id}/comments`, { body: 'Donor view' }), 403, 'FORBIDDEN');
    await expectRejected(app.db, () => outsider.post(`/activities/${activity.id}/comments`, { body: 'Outside view' }), 404, 'NOT_FOUND');
    await expectRejected(app.db, () => outsider.get(`/activities/${activity.id}/comments`), 404, 'NOT_FOUND');
  });

  it('GET lists the comments oldest first with author name and role; donors may read them', async () => {
    const { o1, create } = await world();
    const activity = await create(o1.id);
    const first = (await partner.post(`/activities/${activity.id}/comments`, { body: 'First' })).body;
    const second = (await manager.post(`/activities/${activity.id}/comments`, { body: 'Second' })).body;
    const res = await donor.get(`/activities/${activity.id}/comments`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ items: [first, second], total: 2 });
    expect(res.body.items.map((c: { author: unknown }) => c.author)).toEqual([
      { id: ids.partner, name: names.partner, role: 'partner' },
      { id: ids.manager, name: names.manager, role: 'manager' },
    ]);
  });
});

describe('audit trail', () => {
  it('each change writes exactly one audit row', async () => {
    const { project, o1, o2, create } = await world();
    const count = async () => (await auditRows(app.db)).length;
    let n = await count();
    const step = async (call: () => Promise<ApiResponse>) => {
      const res = await call();
      expect(res.status, res.text).toBeLessThan(300);
      expect(await count()).toBe(n + 1);
      n += 1;
      return res;
    };
    const created = (await step(() => manager.post(`/projects/${project.id}/activities`, { outcomeId: o1.id, kind: 'other', title: 'A' }))).body;
    const other = await create(o1.id);
    n = await count();
    const updated = (await step(() => manager.patch(`/activities/${created.id}`, { version: created.version, status: 'in_progress', position: 2 })))
      .body;
    await step(() => manager.patch(`/activities/${other.id}`, { version: other.version, outcomeId: o2.id, title: 'Moved' }));
    await step(() => partner.post(`/activities/${created.id}/comments`, { body: 'Noted' }));
    await step(() => manager.delete(`/activities/${created.id}?version=${updated.version}`));
  });
});
