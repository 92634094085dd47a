import { afterEach, describe, expect, it } from 'vitest';
import { auditRows, TEST_PASSWORD } from '../factories';
import { enrolTotp, forgetUsedCodes, totpCode } from './totp-support';
import {
  PAIR_FREE,
  A,
  B,
  TIMEOUT,
  type Clocked,
  makeUser,
  opened,
  clockedApp,
  expectThrottled,
  rightLogin,
  failRepeatedly,
  alerts,
} from './sign-in-throttling-support';

afterEach(async () => {
  // A second instance goes first: the first owns the database's folder.
  for (const app of opened.splice(0)) await app.close();
});

const CODE_ACCOUNT_FREE = 10;

describe('two-factor step throttling', { timeout: TIMEOUT }, () => {
  async function enrolled(clocked: Clocked) {
    const user = await makeUser(clocked.app.db, { role: 'manager' });
    const home = '192.0.2.50';
    const { secret } = await enrolTotp(await clocked.app.login(user.email));
    await forgetUsedCodes(clocked.app.db, user.id);
    // One full sign-in from home makes it a known address.
    const client = clocked.app.anonymous(home);
    const first = await client.post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await client.post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: totpCode(secret) })).status).toBe(200);
    await forgetUsedCodes(clocked.app.db, user.id);
    return { user, secret, home };
  }
  const wrongCode = (secret: string) => (totpCode(secret) === '000000' ? '111111' : '000000');

  it('5 wrong codes from one address hold back that address (code and password), not the owner at another one', async () => {
    const clocked = await clockedApp();
    const { app } = clocked;
    const { user, secret, home } = await enrolled(clocked);
    const first = await app.anonymous(A).post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    for (let i = 0; i < PAIR_FREE; i++) {
      expect((await app.anonymous(A).post('/auth/login/totp', { mfaToken: first.body.mfaToken, code: wrongCode(secret) })).status).toBe(401);
    }
    expectThrottled(await rightLogin(app, user.email, A), 1);
    const client = app.anonymous(home);
    const step = await client.post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    const done = await client.post('/auth/login/totp', { mfaToken: step.body.mfaToken, code: totpCode(secret) });
    expect(done.status, done.text).toBe(200);
    expect(await alerts(app, user.id)).toEqual([expect.objectContaining({ action: 'sign_in_throttled', after: { ip: A, failures: PAIR_FREE } })]);
  });

  it('10 wrong codes from many addresses: new addresses wait at the code step, the owner at a known address does not, and the admin is alerted once', async () => {
    const clocked = await clockedApp();
    const { app } = clocked;
    const { user, secret, home } = await enrolled(clocked);
    for (let i = 0; i < CODE_ACCOUNT_FREE + 2; i++) {
      const from = `10.7.${i}.1`;
      const step = await app.anonymous(from).post('/auth/login', { email: user.email, password: TEST_PASSWORD });
      let res = await app.anonymous(from).post('/auth/login/totp', { mfaToken: step.body.mfaToken, code: wrongCode(secret) });
      if (res.status === 429) {
        clocked.advance(Number(res.headers.get('retry-after')) * 1000);
        res = await app.anonymous(from).post('/auth/login/totp', { mfaToken: step.body.mfaToken, code: wrongCode(secret) });
      }
      expect(res.status, res.text).toBe(401);
    }
    const stranger = app.anonymous('10.250.0.1');
    const step = await stranger.post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(step.status).toBe(200);
    expect((await stranger.post('/auth/login/totp', { mfaToken: step.body.mfaToken, code: totpCode(secret) })).status).toBe(429);

    const owner = app.anonymous(home);
    const ownerStep = await owner.post('/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect((await owner.post('/auth/login/totp', { mfaToken: ownerStep.body.mfaToken, code: totpCode(secret) })).status).toBe(200);
    expect((await alerts(app, user.id)).filter((r) => r.action === 'sign_in_guessing_suspected')).toEqual([
      expect.objectContaining({
        note: 'many wrong two-factor codes: the password may be known',
        after: { ip: '10.7.9.1', failures: CODE_ACCOUNT_FREE },
      }),
    ]);
  });
});

describe('alerts in the audit log', { timeout: TIMEOUT }, () => {
  it('one sign_in_throttled row per episode: not one per attempt, and a new one after a right password ends the episode', async () => {
    const clocked = await clockedApp();
    const { app } = clocked;
    const user = await makeUser(app.db);
    await failRepeatedly(clocked, user.email, A, PAIR_FREE + 3);
    expect(await alerts(app, user.id)).toEqual([
      expect.objectContaining({
        action: 'sign_in_throttled',
        user_id: null,
        note: 'wrong passwords or codes from one address',
        after: { ip: A, failures: PAIR_FREE },
      }),
    ]);
    clocked.advance(60 * 60 * 1000);
    expect((await rightLogin(app, user.email, A)).status).toBe(200);
    await failRepeatedly(clocked, user.email, A, PAIR_FREE);
    expect((await alerts(app, user.id)).map((r) => r.action)).toEqual(['sign_in_throttled', 'sign_in_throttled']);
    // Unknown e-mails are never written down, not even in an alert.
    await failRepeatedly(clocked, 'someone-unknown@example.test', B, PAIR_FREE + 1);
    expect(JSON.stringify(await auditRows(app.db))).not.toContain('someone-unknown');
  });
});
