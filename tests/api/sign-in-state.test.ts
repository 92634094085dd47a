import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows, sqliteOf } from '../../server/src/db/client';
import { randomSecretKey } from '../../server/src/core/secret-box';
import { TEST_PASSWORD } from '../factories';
import { GENEROUS_SIGN_IN_LIMITS, startTestApp } from './harness';
import { captureStatements, fullScans } from './statements-support';
import { enrolTotp, forgetUsedCodes, totpCode } from './totp-support';
import { PAIR_FREE, A, B, TIMEOUT, makeUser, opened, clockedApp, wrongLogin, rightLogin, failRepeatedly } from './sign-in-throttling-support';

afterEach(async () => {
  // A second instance goes first: the first owns the database's folder.
  for (const app of opened.splice(0)) await app.close();
});

describe('sign-in state lives in the database', { timeout: TIMEOUT }, () => {
  it('a two-factor challenge made by one instance is answered by a second instance on the same database, once', async () => {
    const secretKey = randomSecretKey();
    const first = await startTestApp({ secretKey });
    opened.push(first);
    const second = await startTestApp({ secretKey }, { databaseOf: first });
    opened.unshift(second);
    const user = await makeUser(first.db);
    const { secret } = await enrolTotp(await first.login(user.email));
    await forgetUsedCodes(first.db, user.id);

    const step = await first.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(step.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    const stored = JSON.stringify(await queryRows(first.db, sql`SELECT * FROM mfa_challenges`));
    expect(stored).not.toContain(step.body.mfaToken);

    const client = second.anonymous();
    const done = await client.post('/auth/login/totp', { mfaToken: step.body.mfaToken, code: totpCode(secret) });
    expect(done.status, done.text).toBe(200);
    client.csrfToken = done.body.csrfToken;
    expect((await client.get('/auth/me')).body.user.id).toBe(user.id);
    // Used once: neither instance takes it again.
    await forgetUsedCodes(first.db, user.id);
    for (const app of [first, second]) {
      const again = await app.anonymous().post('/auth/login/totp', { mfaToken: step.body.mfaToken, code: totpCode(secret) });
      expect(again.body.error.code).toBe('MFA_CHALLENGE_EXPIRED');
    }
    expect(await queryRows(first.db, sql`SELECT count(*) AS "n" FROM mfa_challenges`)).toEqual([{ n: 0 }]);
  });

  it('failures counted by one instance hold back the next attempt at another', async () => {
    // Instances share the server key (it seals two-factor secrets too); counter keys are hashed with it.
    const options = { secretKey: randomSecretKey(), signInLimits: { ...GENEROUS_SIGN_IN_LIMITS, pairFree: PAIR_FREE } };
    const first = await startTestApp(options);
    opened.push(first);
    const second = await startTestApp(options, { databaseOf: first });
    opened.unshift(second);
    const user = await makeUser(first.db);
    for (let i = 0; i < PAIR_FREE; i++) expect((await wrongLogin(i % 2 ? first : second, user.email, A)).status).toBe(401);
    expect((await rightLogin(second, user.email, A)).status).toBe(429);
    expect((await rightLogin(first, user.email, A)).status).toBe(429);
  });

  it('a challenge expires after 5 minutes on the throttling clock, and expired ones are deleted when the next is made', async () => {
    const clocked = await clockedApp();
    const { app } = clocked;
    const user = await makeUser(app.db);
    const { secret } = await enrolTotp(await app.login(user.email));
    await forgetUsedCodes(app.db, user.id);
    const step = await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    clocked.advance(5 * 60 * 1000);
    const late = await app.anonymous().post('/auth/login/totp', { mfaToken: step.body.mfaToken, code: totpCode(secret) });
    expect(late.body.error.code).toBe('MFA_CHALLENGE_EXPIRED');
    await app.anonymous().post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(await queryRows(app.db, sql`SELECT count(*) AS "n" FROM mfa_challenges`)).toEqual([{ n: 1 }]);
  });

  it('counters quiet for a day are forgotten and deleted by the next write; the counting reads no table from end to end', async () => {
    const clocked = await clockedApp();
    const { app } = clocked;
    const user = await makeUser(app.db);
    await failRepeatedly(clocked, user.email, A, 3);
    await failRepeatedly(clocked, 'spray-1@example.test', A, 1);
    const counters = async () => Number((await queryRows<{ n: number }>(app.db, sql`SELECT count(*) AS "n" FROM sign_in_counters`))[0]?.n);
    expect(await counters()).toBe(5);
    clocked.advance(24 * 60 * 60 * 1000 + 1);
    const attempts = async () => {
      expect((await wrongLogin(app, user.email, B)).status).toBe(401);
      expect((await rightLogin(app, user.email, B)).status).toBe(200);
    };
    // The statements and their plans are read from SQLite; on PostgreSQL the attempts just run.
    const statements = sqliteOf(app.db) ? await captureStatements(app.db, attempts) : await attempts();
    // Only this attempt's pair (wiped by the right password), account and address are left.
    expect(await counters()).toBe(2);
    if (statements) {
      expect(statements.filter((s) => /sign_in_counters/.test(s.sql)).length).toBeGreaterThan(0);
      const offenders = statements.flatMap((s) =>
        fullScans(app.db, s.sql, s.params, ['sign_in_counters', 'sign_in_known_addresses', 'mfa_challenges', 'users', 'audit_log']),
      );
      expect(offenders).toEqual([]);
    }
  });
});
