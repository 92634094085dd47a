import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows, runSql } from '../../server/src/db/client';
import { makeResetToken, TEST_PASSWORD } from '../factories';
import { rawGet } from './raw-sql';
import { enrolTotp, forgetUsedCodes, totpCode } from './totp-support';
import {
  PAIR_FREE,
  A,
  B,
  TIMEOUT,
  makeUser,
  opened,
  clockedApp,
  expectThrottled,
  wrongLogin,
  rightLogin,
  failRepeatedly,
  alerts,
} from './sign-in-throttling-support';

afterEach(async () => {
  // A second instance goes first: the first owns the database's folder.
  for (const app of opened.splice(0)) await app.close();
});

const ADDRESS_FREE = 20;

const ACCOUNT_FREE = 20;

const NEW_PASSWORD = 'a fresh passphrase for 2026';

describe('sign-in throttling per account and address', { timeout: TIMEOUT }, () => {
  it('after 5 wrong passwords from one address its next tries wait 1 s, 2 s, 4 s, 8 s, up to 15 min, each answered 429 with Retry-After and the rule', async () => {
    const clocked = await clockedApp();
    const { app } = clocked;
    const user = await makeUser(app.db);
    for (let i = 0; i < PAIR_FREE; i++) expect((await wrongLogin(app, user.email, A)).status).toBe(401);
    for (const seconds of [1, 2, 4, 8]) {
      // Even the right password waits: the check comes before the password is looked at.
      expectThrottled(await rightLogin(app, user.email, A), seconds);
      clocked.advance(seconds * 1000 - 1);
      expectThrottled(await wrongLogin(app, user.email, A), 1);
      clocked.advance(1);
      expect((await wrongLogin(app, user.email, A)).status).toBe(401);
    }
    // 2^10 s would be 17 min: the wait stops at 15.
    await runSql(app.db, sql`UPDATE sign_in_counters SET failures = 20 WHERE scope = 'pair'`);
    clocked.advance(16_000);
    expect((await wrongLogin(app, user.email, A)).status).toBe(401);
    expectThrottled(await rightLogin(app, user.email, A), 900);
    expect(await rawGet(app.db, 'SELECT count(*) AS n FROM sessions WHERE user_id = ?', user.id)).toEqual({ n: 0 });
  });

  it('12 wrong passwords from address A do not stop the right password from address B (200), while A still waits', async () => {
    const clocked = await clockedApp();
    const { app } = clocked;
    const user = await makeUser(app.db, { role: 'admin' });
    await failRepeatedly(clocked, user.email, A, 12);
    const fromB = await rightLogin(app, user.email, B);
    expect(fromB.status, fromB.text).toBe(200);
    expect(fromB.body.user.id).toBe(user.id);
    expect((await rightLogin(app, user.email, A)).status).toBe(429);
    // The e-mail in another case is the same account, from A too.
    expect((await app.anonymous(A).post('/auth/login', { email: user.email.toUpperCase(), password: TEST_PASSWORD })).status).toBe(429);
  });

  it('the right password from an address wipes its count: 4 wrong, right, 4 wrong, right never wait', async () => {
    const { app } = await clockedApp();
    const user = await makeUser(app.db);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < PAIR_FREE - 1; i++) expect((await wrongLogin(app, user.email, A)).status).toBe(401);
      expect((await rightLogin(app, user.email, A)).status).toBe(200);
    }
    expect((await wrongLogin(app, user.email, A)).status).toBe(401);
  });

  it('20 parallel wrong passwords from one address get exactly 5 answers of 401; the rest wait (429)', async () => {
    const { app } = await clockedApp();
    const user = await makeUser(app.db);
    const answers = await Promise.all(Array.from({ length: 20 }, () => wrongLogin(app, user.email, A)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(PAIR_FREE);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - PAIR_FREE);
  });

  it('15 people behind one office address signing in at once are all let in (each waits its turn on the shared counter, none fails)', async () => {
    const { app } = await clockedApp();
    const users = await Promise.all(Array.from({ length: 15 }, async () => await makeUser(app.db)));
    const answers = await Promise.all(users.map((user) => rightLogin(app, user.email, A)));
    expect(answers.map((r) => r.status)).toEqual(users.map(() => 200));
    // Every claim was given back: the address's counter holds no failure.
    const address = await queryRows<{ failures: number }>(app.db, sql`SELECT failures FROM sign_in_counters WHERE scope = 'address'`);
    expect(address.map((r) => r.failures)).toEqual(address.map(() => 0));
  });

  it('an unknown e-mail is held back exactly like a known account (the wait tells no one which accounts exist)', async () => {
    const { app } = await clockedApp();
    const user = await makeUser(app.db);
    const answers = async (email: string, from: string) => {
      const out: number[] = [];
      for (let i = 0; i < PAIR_FREE + 1; i++) out.push((await wrongLogin(app, email, from)).status);
      return out;
    };
    const known = await answers(user.email, A);
    const unknown = await answers('nobody-here@example.test', B);
    expect(known).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown).toEqual(known);
  });

  it('without trustProxy a client cannot escape by naming another address in X-Forwarded-For', async () => {
    const { app } = await clockedApp({ trustProxy: undefined });
    const user = await makeUser(app.db);
    for (let i = 0; i < PAIR_FREE; i++) expect((await wrongLogin(app, user.email, `192.0.2.${i}`)).status).toBe(401);
    expect((await rightLogin(app, user.email, '192.0.2.200')).status).toBe(429);
  });

  it('addresses in one IPv6 /64 count as one address', async () => {
    const { app } = await clockedApp();
    const user = await makeUser(app.db);
    for (let i = 1; i <= PAIR_FREE; i++) expect((await wrongLogin(app, user.email, `2001:db8:1:2::${i}`)).status).toBe(401);
    expect((await rightLogin(app, user.email, '2001:db8:1:2:ffff::9')).status).toBe(429);
    expect((await rightLogin(app, user.email, '2001:db8:1:3::1')).status).toBe(200);
  });
});

describe('sign-in throttling per address (one address trying many accounts)', { timeout: TIMEOUT }, () => {
  it('50 wrong passwords from one address on many accounts do not stop an owner who signed in from there before; new accounts from there wait, and a reset link still works', async () => {
    const clocked = await clockedApp();
    const { app } = clocked;
    const regular = await makeUser(app.db);
    expect((await rightLogin(app, regular.email, A)).status).toBe(200);
    const newcomer = await makeUser(app.db);
    const reset = await makeUser(app.db);
    const sprayed = await Promise.all(Array.from({ length: 10 }, async () => await makeUser(app.db)));
    for (let i = 0; i < 50; i++) {
      // Mostly accounts that exist, a few that do not (checked against the slow dummy hash).
      const email = i % 10 === 9 ? `guess-${i}@example.test` : sprayed[i % 10]!.email;
      let res = await wrongLogin(app, email, A);
      if (res.status === 429) {
        clocked.advance(Number(res.headers.get('retry-after')) * 1000);
        res = await wrongLogin(app, email, A);
      }
      expect(res.status, `attempt ${i}: ${res.text}`).toBe(401);
    }
    // The address is deep in its waits for accounts new to it…
    const held = await rightLogin(app, newcomer.email, A);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(60);
    // …but its own account's owner signs in at once, and a reset link works from there.
    const owner = await rightLogin(app, regular.email, A);
    expect(owner.status, owner.text).toBe(200);
    const link = await app.anonymous(A).post('/auth/password-reset', { token: await makeResetToken(app.db, reset.id), newPassword: NEW_PASSWORD });
    expect(link.status, link.text).toBe(200);
    // The newcomer is not held back anywhere else.
    expect((await rightLogin(app, newcomer.email, B)).status).toBe(200);
    // One alert for the address, none per attempt.
    expect(await alerts(app, 0)).toEqual([
      expect.objectContaining({ action: 'sign_in_guessing_suspected', user_id: null, note: 'wrong passwords for many accounts from one address' }),
    ]);
    expect((await alerts(app, 0))[0]?.after).toEqual({ ip: A, failures: ADDRESS_FREE });
  });

  it('bad reset links are counted on their own lenient counter: after 10 the address waits for links, not for signing in', async () => {
    const { app } = await clockedApp();
    const user = await makeUser(app.db);
    for (let i = 0; i < 10; i++) {
      expect((await app.anonymous(A).post('/auth/password-reset', { token: `guess-${i}`, newPassword: NEW_PASSWORD })).status).toBe(400);
    }
    expectThrottled(
      await app.anonymous(A).post('/auth/password-reset', { token: await makeResetToken(app.db, user.id), newPassword: NEW_PASSWORD }),
      1,
    );
    expect(
      (await app.anonymous(B).post('/auth/password-reset', { token: await makeResetToken(app.db, user.id), newPassword: NEW_PASSWORD })).status,
    ).toBe(200);
    expect((await app.anonymous(A).post('/auth/login', { email: user.email, password: NEW_PASSWORD })).status).toBe(200);
  });
});

describe('sign-in throttling per account (guessing from many addresses)', { timeout: TIMEOUT }, () => {
  it('an account without two-factor: past 20 failures, addresses new to it wait (at most 30 s); its owner at a known address signs in at once, and at a new one after the wait', async () => {
    const clocked = await clockedApp();
    const { app } = clocked;
    const user = await makeUser(app.db);
    const home = '192.0.2.77';
    expect((await rightLogin(app, user.email, home)).status).toBe(200);
    for (let i = 0; i < ACCOUNT_FREE; i++) {
      let res = await wrongLogin(app, user.email, `10.9.${i}.1`);
      if (res.status === 429) {
        clocked.advance(Number(res.headers.get('retry-after')) * 1000);
        res = await wrongLogin(app, user.email, `10.9.${i}.1`);
      }
      expect(res.status, res.text).toBe(401);
    }
    const fresh = '10.200.0.1';
    const held = await rightLogin(app, user.email, fresh);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect((await rightLogin(app, user.email, home)).status).toBe(200);
    clocked.advance(Number(held.headers.get('retry-after')) * 1000);
    expect((await rightLogin(app, user.email, fresh)).status).toBe(200);

    expect((await alerts(app, user.id)).filter((r) => r.action === 'sign_in_guessing_suspected')).toEqual([
      expect.objectContaining({ note: 'many wrong passwords for this account', after: { ip: '10.9.19.1', failures: ACCOUNT_FREE } }),
    ]);
  });

  it('an account with two-factor sign-in: 25 failures from 25 addresses leave its owner at a new address free to sign in with password and code', async () => {
    const { app } = await clockedApp();
    const user = await makeUser(app.db, { role: 'admin' });
    const { secret } = await enrolTotp(await app.login(user.email));
    for (let i = 0; i < 25; i++) expect((await wrongLogin(app, user.email, `10.8.${i}.1`)).status).toBe(401);
    await forgetUsedCodes(app.db, user.id);
    const client = app.anonymous('10.201.0.1');
    const first = await client.post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(first.status, first.text).toBe(200);
    expect(first.body.mfaRequired).toBe(true);
    const second = await client.post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: totpCode(secret) });
    expect(second.status, second.text).toBe(200);
  });
});
