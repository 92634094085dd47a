import { and, eq, gte, lt } from 'drizzle-orm';
import { issue } from '@shared/issues';
import { inTransaction, type Db } from '../db/client';
import { revisionClock } from '../db/revision';
import { signInCounters, type AttemptScope } from '../db/schema';
import { refused } from '../http/app-error';

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
 * Counters of failed attempts in the database, shared by every instance of the app. An
 * attempt is counted as a failure before it is checked (`claim`), in one write transaction
 * with the check of the waits, and given back when it turns out right (`release`, or
 * `clear` for a counter a success wipes). Counters are bookkeeping, not content: their
 * writes leave the response cache's revision alone.
 */
export function createAttemptCounters(db: Db, now: () => number = Date.now) {
  const revision = revisionClock(db.$client);

  function read(scope: AttemptScope, key: string): Row | undefined {
    return db
      .select()
      .from(signInCounters)
      .where(and(eq(signInCounters.scope, scope), eq(signInCounters.key, key)))
      .get();
  }

  function releaseOne(claim: Claim): void {
    const row = read(claim.scope, claim.key);
    if (!row) return;
    const untouched = row.failures === claim.failures && row.lastAt === claim.at;
    db.update(signInCounters)
      .set({ failures: Math.max(0, row.failures - 1), ...(untouched ? { blockedUntil: claim.previousBlockedUntil } : {}) })
      .where(and(eq(signInCounters.scope, claim.scope), eq(signInCounters.key, claim.key)))
      .run();
  }

  function clearOne(scope: AttemptScope, key: string): void {
    db.delete(signInCounters)
      .where(and(eq(signInCounters.scope, scope), eq(signInCounters.key, key)))
      .run();
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
    claim(refs: CounterRef[]): Claim[] | Refusal {
      return revision.excluding(() =>
        inTransaction(db, () => {
          const at = now();
          const rows = refs.map((ref) => live(read(ref.scope, ref.key), at));
          const waitMs = Math.max(0, ...refs.map((ref, i) => (ref.enforce ? (rows[i]?.blockedUntil ?? 0) - at : 0)));
          if (waitMs > 0) return { waitMs };
          // Forgotten episodes go here rather than on a timer: the index on last_at makes it a short range delete.
          db.delete(signInCounters).where(lt(signInCounters.lastAt, at - COUNTER_MEMORY_MS)).run();
          return refs.map((ref, i) => {
            const row = rows[i];
            const failures = (row?.failures ?? 0) + 1;
            const blockedUntil = at + delayAfter(failures, ref.rule);
            db.insert(signInCounters)
              .values({ scope: ref.scope, key: ref.key, failures, lastAt: at, blockedUntil, alerted: row?.alerted ?? false })
              .onConflictDoUpdate({
                target: [signInCounters.scope, signInCounters.key],
                set: { failures, lastAt: at, blockedUntil, alerted: row?.alerted ?? false },
              })
              .run();
            return { ...ref, failures, at, previousBlockedUntil: row?.blockedUntil ?? 0 };
          });
        }),
      );
    },

    /**
     * Gives back claims of an attempt that was right after all. A counter nobody touched
     * since gets its wait back as it was; one another attempt counted against meanwhile
     * keeps that attempt's wait.
     */
    release(claims: Claim[]): void {
      if (claims.length === 0) return;
      revision.excluding(() => inTransaction(db, () => claims.forEach(releaseOne)));
    },

    /**
     * Settles a right attempt in one commit: the counters `wipe` picks are wiped (their episode
     * is over), the others get their claim back, and `alongside` writes its own bookkeeping in
     * the same transaction (it must not start a transaction or exclude revisions itself).
     */
    settle(claims: Claim[], wipe: (claim: Claim) => boolean, alongside: () => void = () => undefined): void {
      revision.excluding(() =>
        inTransaction(db, () => {
          for (const claim of claims) {
            if (wipe(claim)) clearOne(claim.scope, claim.key);
            else releaseOne(claim);
          }
          alongside();
        }),
      );
    },

    /**
     * Marks the counter's episode as alerted when it has reached `threshold` failures and was
     * not marked before; true exactly once per episode, whichever instance asks first.
     */
    takeAlert(scope: AttemptScope, key: string, threshold: number): boolean {
      const result = revision.excluding(() =>
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
          .run(),
      );
      return result.changes === 1;
    },

    /** The failures a counter holds now (0 when forgotten), for the alerts' details. */
    failures(scope: AttemptScope, key: string): number {
      return live(read(scope, key), now())?.failures ?? 0;
    },
  };
}
export type AttemptCounters = ReturnType<typeof createAttemptCounters>;
