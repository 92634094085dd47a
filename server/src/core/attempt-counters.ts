import { and, eq, gte, lt } from 'drizzle-orm';
import { issue } from '@shared/issues';
import { first, inKeyedTransaction, type Db } from '../db/client';
import { revisionClock } from '../db/revision';
import { signInCounters, type AttemptScope } from '../db/schema';
import { refused } from './errors';

/**
 * How many failures a counter allows before its attempts wait, and the longest wait.
 * After `free` failures the next attempt waits 1 s, then 2 s, 4 s … up to `maxMs`.
 */
export type DelayRule = { free: number; maxMs: number };

export const MINUTE_MS = 60_000;
/** A counter not touched for this long is forgotten: its episode is over. */
export const COUNTER_MEMORY_MS = 24 * 60 * MINUTE_MS;

/**
 * The thresholds of sign-in throttling (docs/decisions/014-sign-in-throttling.md). Tests
 * raise them so that their many sign-ins from one address are not held back, or lower them.
 */
export type SignInLimits = {
  /** Wrong passwords or codes for one account from one address before its next tries wait (up to 15 min). */
  pairFree: number;
  /** Wrong passwords from one address on accounts that never signed in from it, before its next such tries wait (up to 15 min). */
  addressFree: number;
  /** Wrong passwords for one account from anywhere before addresses new to it wait (up to 30 s), accounts without two-factor sign-in. */
  accountFree: number;
  /** Wrong two-factor codes for one account before addresses new to it wait (up to 15 min). */
  codeAccountFree: number;
  /** Bad password-reset links from one address before its next tries wait (up to 15 min). */
  resetAddressFree: number;
};

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  pairFree: 5,
  addressFree: 20,
  accountFree: 20,
  codeAccountFree: 10,
  resetAddressFree: 10,
};

/** The 429 of a held-back attempt, in the one error shape: a rule with the wait, and Retry-After. */
export function tooManyAttempts(waitMs: number) {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const rule = seconds <= 90 ? issue('attempts.wait_seconds', { seconds }) : issue('attempts.wait_minutes', { minutes: Math.ceil(seconds / 60) });
  return refused('RATE_LIMITED', rule, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
}

export function delayAfter(failures: number, rule: DelayRule): number {
  if (failures < rule.free) return 0;
  // 2^20 s is far beyond any cap; stopping there keeps the arithmetic finite.
  return Math.min(rule.maxMs, 1000 * 2 ** Math.min(failures - rule.free, 20));
}

/**
 * One counter an attempt is counted against. `enforce` says whether its wait applies to
 * this attempt: a counter may count every attempt but hold back only some (an account's
 * counter holds back addresses it has never signed in from).
 */
export type CounterRef = { scope: AttemptScope; key: string; rule: DelayRule; enforce: boolean };

/** An attempt counted in advance, so that parallel attempts cannot all slip under a limit. */
export type Claim = CounterRef & { failures: number; at: number; previousBlockedUntil: number };

/** The attempt may not be made yet: try again after this many milliseconds. */
export type Refusal = { waitMs: number };

type Row = typeof signInCounters.$inferSelect;

/**
 * Counters are written by every attempt at once (one office behind one address signs in
 * together), so their transactions wait their turn on each counter's key rather than
 * racing and retrying (db/client inKeyedTransaction).
 */
function lockKey(ref: { scope: AttemptScope; key: string }): string {
  return `sign-in-counter:${ref.scope}:${ref.key}`;
}

/**
 * Counters of failed attempts in the database, shared by every instance of the app. An
 * attempt is counted as a failure before it is checked (`claim`), in one write transaction
 * with the check of the waits, and given back when it turns out right (`release`, or
 * `clear` for a counter a success wipes). Counters are bookkeeping, not content: their
 * writes leave the response cache's revision alone.
 */
export function createAttemptCounters(db: Db, now: () => number = Date.now) {
  const revision = revisionClock(db);

  function read(scope: AttemptScope, key: string): Promise<Row | undefined> {
    return first(
      db
        .select()
        .from(signInCounters)
        .where(and(eq(signInCounters.scope, scope), eq(signInCounters.key, key))),
    );
  }

  async function releaseOne(claim: Claim): Promise<void> {
    const row = await read(claim.scope, claim.key);
    if (!row) return;
    const untouched = row.failures === claim.failures && row.lastAt === claim.at;
    await db
      .update(signInCounters)
      .set({ failures: Math.max(0, row.failures - 1), ...(untouched ? { blockedUntil: claim.previousBlockedUntil } : {}) })
      .where(and(eq(signInCounters.scope, claim.scope), eq(signInCounters.key, claim.key)));
  }

  async function clearOne(scope: AttemptScope, key: string): Promise<void> {
    await db.delete(signInCounters).where(and(eq(signInCounters.scope, scope), eq(signInCounters.key, key)));
  }

  /** A row last touched before the memory window counts as none. */
  function live(row: Row | undefined, at: number): Row | undefined {
    return row && row.lastAt >= at - COUNTER_MEMORY_MS ? row : undefined;
  }

  return {
    /**
     * Counts one attempt against every counter, unless an enforced counter is still waiting:
     * then nothing is counted and the longest wait is returned.
     */
    claim(refs: CounterRef[]): Promise<Claim[] | Refusal> {
      return revision.excluding(() =>
        inKeyedTransaction(db, refs.map(lockKey), async (): Promise<Claim[] | Refusal> => {
          const at = now();
          const rows: (Row | undefined)[] = [];
          for (const ref of refs) rows.push(live(await read(ref.scope, ref.key), at));
          const waitMs = Math.max(0, ...refs.map((ref, i) => (ref.enforce ? (rows[i]?.blockedUntil ?? 0) - at : 0)));
          if (waitMs > 0) return { waitMs };
          // Forgotten episodes go here rather than on a timer: the index on last_at makes it a short range delete.
          await db.delete(signInCounters).where(lt(signInCounters.lastAt, at - COUNTER_MEMORY_MS));
          const claims: Claim[] = [];
          for (const [i, ref] of refs.entries()) {
            const row = rows[i];
            const failures = (row?.failures ?? 0) + 1;
            const blockedUntil = at + delayAfter(failures, ref.rule);
            await db
              .insert(signInCounters)
              .values({ scope: ref.scope, key: ref.key, failures, lastAt: at, blockedUntil, alerted: row?.alerted ?? false })
              .onConflictDoUpdate({
                target: [signInCounters.scope, signInCounters.key],
                set: { failures, lastAt: at, blockedUntil, alerted: row?.alerted ?? false },
              });
            claims.push({ ...ref, failures, at, previousBlockedUntil: row?.blockedUntil ?? 0 });
          }
          return claims;
        }),
      );
    },

    /**
     * Gives back claims of an attempt that was right after all. A counter nobody touched
     * since gets its wait back as it was; one another attempt counted against meanwhile
     * keeps that attempt's wait.
     */
    async release(claims: Claim[]): Promise<void> {
      if (claims.length === 0) return;
      await revision.excluding(() =>
        inKeyedTransaction(db, claims.map(lockKey), async () => {
          for (const claim of claims) await releaseOne(claim);
        }),
      );
    },

    /**
     * Settles a right attempt in one commit: the counters `wipe` picks are wiped (their episode
     * is over), the others get their claim back, and `alongside` writes its own bookkeeping in
     * the same transaction (it must not start a transaction or exclude revisions itself).
     */
    async settle(claims: Claim[], wipe: (claim: Claim) => boolean, alongside: () => Promise<void> = async () => undefined): Promise<void> {
      await revision.excluding(() =>
        inKeyedTransaction(db, claims.map(lockKey), async () => {
          for (const claim of claims) {
            if (wipe(claim)) await clearOne(claim.scope, claim.key);
            else await releaseOne(claim);
          }
          await alongside();
        }),
      );
    },

    /**
     * Marks the counter's episode as alerted when it has reached `threshold` failures and was
     * not marked before; true exactly once per episode, whichever instance asks first.
     */
    async takeAlert(scope: AttemptScope, key: string, threshold: number): Promise<boolean> {
      const result = await revision.excluding(async () =>
        db
          .update(signInCounters)
          .set({ alerted: true })
          .where(
            and(
              eq(signInCounters.scope, scope),
              eq(signInCounters.key, key),
              eq(signInCounters.alerted, false),
              gte(signInCounters.failures, threshold),
              gte(signInCounters.lastAt, now() - COUNTER_MEMORY_MS),
            ),
          )
          .returning({ key: signInCounters.key }),
      );
      return result.length === 1;
    },

    /** The failures a counter holds now (0 when forgotten), for the alerts' details. */
    async failures(scope: AttemptScope, key: string): Promise<number> {
      return live(await read(scope, key), now())?.failures ?? 0;
    },
  };
}
export type AttemptCounters = ReturnType<typeof createAttemptCounters>;
