import { and, eq, lt } from 'drizzle-orm';
import { writeAudit } from '../../core/audit';
import {
  MINUTE_MS,
  tooManyAttempts,
  type AttemptCounters,
  type Claim,
  type CounterRef,
  type DelayRule,
  type SignInLimits,
} from '../../core/attempt-counters';
import { first, type Db } from '../../db/client';
import { signInKnownAddresses, type AttemptScope } from '../../db/schema';

/** An address an account has not signed in from for this long is new to it again. */
export const KNOWN_ADDRESS_TTL_MS = 180 * 24 * 60 * MINUTE_MS;

const LONG_WAIT_MS = 15 * MINUTE_MS;
/** The account-wide wait is short: it may fall on the owner at a new address too. */
const ACCOUNT_WAIT_MS = 30_000;

/** Who is trying, from where: `address` is the address group counted by, `ip` the address as seen (for the audit log). */
export type SignInSource = { address: string; ip: string };

/** An attempt counted in advance; settled as failed, right or signed in. */
export type SignInAttempt = { claims: Claim[]; userId: number | null; ip: string };

type Alert = { action: 'sign_in_throttled' | 'sign_in_guessing_suspected'; note: string; perAccount: boolean };

/** The audit alert written once per episode when a counter reaches its threshold. */
const ALERTS: Partial<Record<AttemptScope, Alert>> = {
  pair: { action: 'sign_in_throttled', note: 'wrong passwords or codes from one address', perAccount: true },
  account: { action: 'sign_in_guessing_suspected', note: 'many wrong passwords for this account', perAccount: true },
  code_account: { action: 'sign_in_guessing_suspected', note: 'many wrong two-factor codes: the password may be known', perAccount: true },
  address: { action: 'sign_in_guessing_suspected', note: 'wrong passwords for many accounts from one address', perAccount: false },
};

/**
 * Sign-in throttling (docs/decisions/014-sign-in-throttling.md): counts failures per
 * account and address, per address and per account in the database, holds back the next
 * attempt with growing waits, and never holds back an account's owner because of failures
 * from elsewhere: the waits that guard an account as a whole spare the addresses it has
 * signed in from, and accounts with two-factor sign-in rely on the second factor instead.
 * Counter keys are keyed hashes (`hash`) of the e-mail as typed and the address, so an
 * unknown e-mail is counted exactly like a known one and answers the same.
 */
export function createSignInGuard(
  db: Db,
  counters: AttemptCounters,
  limits: SignInLimits,
  hash: (value: string) => string,
  now: () => number = Date.now,
) {
  const key = (...parts: (string | number)[]) => hash(JSON.stringify(['sign-in', ...parts]));
  const rule = (free: number, maxMs: number): DelayRule => ({ free, maxMs });
  const thresholds: Record<AttemptScope, number> = {
    pair: limits.pairFree,
    account: limits.accountFree,
    code_account: limits.codeAccountFree,
    address: limits.addressFree,
    reset_address: limits.resetAddressFree,
  };

  async function isKnown(userId: number, address: string): Promise<boolean> {
    const row = await first(
      db
        .select({ at: signInKnownAddresses.lastSuccessAt })
        .from(signInKnownAddresses)
        .where(and(eq(signInKnownAddresses.userId, userId), eq(signInKnownAddresses.address, address))),
    );
    return row !== undefined && row.at > now() - KNOWN_ADDRESS_TTL_MS;
  }

  /** Runs inside the counters' settling transaction (which keeps it out of the cache revision). */
  async function remember(userId: number, address: string): Promise<void> {
    const at = now();
    await db
      .insert(signInKnownAddresses)
      .values({ userId, address, lastSuccessAt: at })
      .onConflictDoUpdate({ target: [signInKnownAddresses.userId, signInKnownAddresses.address], set: { lastSuccessAt: at } });
    await db.delete(signInKnownAddresses).where(lt(signInKnownAddresses.lastSuccessAt, at - KNOWN_ADDRESS_TTL_MS));
  }

  async function claim(refs: CounterRef[], userId: number | null, ip: string): Promise<SignInAttempt> {
    const claims = await counters.claim(refs);
    if ('waitMs' in claims) throw tooManyAttempts(claims.waitMs);
    return { claims, userId, ip };
  }

  return {
    /**
     * Counts a password attempt before the password is checked; 429 when this account and
     * address, this address (for accounts new to it) or, for an address new to an account
     * without two-factor sign-in, the account must wait.
     */
    async beforePassword(email: string, account: { id: number; hasSecondFactor: boolean } | null, from: SignInSource): Promise<SignInAttempt> {
      const known = account !== null && (await isKnown(account.id, from.address));
      const refs: CounterRef[] = [
        { scope: 'pair', key: key('pair', email, from.address), rule: rule(limits.pairFree, LONG_WAIT_MS), enforce: true },
        {
          scope: 'account',
          key: key('account', email),
          rule: rule(limits.accountFree, ACCOUNT_WAIT_MS),
          enforce: !known && !account?.hasSecondFactor,
        },
      ];
      // An address's own accounts are not what spraying is; their owners there are never held back by it.
      if (!known) refs.push({ scope: 'address', key: key('address', from.address), rule: rule(limits.addressFree, LONG_WAIT_MS), enforce: true });
      return claim(refs, account?.id ?? null, from.ip);
    },

    /** Counts a try at the second factor: this account and address, and (addresses new to it) the account's codes. */
    async beforeCode(email: string, userId: number, from: SignInSource): Promise<SignInAttempt> {
      const known = await isKnown(userId, from.address);
      return claim(
        [
          { scope: 'pair', key: key('pair', email, from.address), rule: rule(limits.pairFree, LONG_WAIT_MS), enforce: true },
          { scope: 'code_account', key: key('code_account', userId), rule: rule(limits.codeAccountFree, LONG_WAIT_MS), enforce: !known },
        ],
        userId,
        from.ip,
      );
    },

    /** The attempt was wrong: it stays counted; a counter that reached its threshold writes its alert, once per episode. */
    async failed(attempt: SignInAttempt): Promise<void> {
      for (const c of attempt.claims) {
        const alert = ALERTS[c.scope];
        if (!alert || (alert.perAccount && attempt.userId === null)) continue;
        if (!(await counters.takeAlert(c.scope, c.key, thresholds[c.scope]))) continue;
        await writeAudit(db, {
          userId: null,
          entity: 'auth',
          entityId: alert.perAccount ? (attempt.userId ?? 0) : 0,
          projectId: null,
          action: alert.action,
          after: { ip: attempt.ip, failures: c.failures },
          note: alert.note,
        });
      }
    },

    /**
     * Gives the attempt back uncounted: the password was right but the second factor is still
     * to come (nothing is wiped yet), or the challenge was gone before any code was checked.
     */
    async giveBack(attempt: SignInAttempt): Promise<void> {
      await counters.release(attempt.claims);
    },

    /** Signed in: this account and address start over, and the address is one of the account's from now on. */
    async signedIn(attempt: SignInAttempt, userId: number, from: SignInSource): Promise<void> {
      await counters.settle(
        attempt.claims,
        (c) => c.scope === 'pair',
        () => remember(userId, from.address),
      );
    },
  };
}
export type SignInGuard = ReturnType<typeof createSignInGuard>;
