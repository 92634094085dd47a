import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, lte, sql } from 'drizzle-orm';
import type { Locale } from '@shared/locales';
import { first, inTransaction, type Db } from '../../db/client';
import { revisionClock } from '../../db/revision';
import { mfaChallenges } from '../../db/schema';

/** How long the two-factor step of a sign-in may take after the password was right. */
export const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Wrong codes one challenge takes before the password must be given again. */
export const MFA_CHALLENGE_ATTEMPTS = 5;

/** `locale`: the sign-in page's language at the password step, for an account that has none yet. */
export type Challenge = { userId: number; locale: Locale | undefined };

/**
 * Sign-ins waiting for their second factor, in the database, so that any instance of the
 * app may take the code step. Only the SHA-256 of each token is kept; a challenge is used
 * once, lives five minutes and takes five codes. Expired rows go when the next one is made.
 * These writes are bookkeeping, so the response cache's revision leaves them out.
 */
export function createMfaChallenges(db: Db, now: () => number = Date.now) {
  const revision = revisionClock(db);
  const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
  const live = (tokenHash: string, at: number) =>
    and(eq(mfaChallenges.tokenHash, tokenHash), gt(mfaChallenges.expiresAt, at), lt(mfaChallenges.attempts, MFA_CHALLENGE_ATTEMPTS));

  return {
    async create(userId: number, locale?: Locale): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      await revision.excluding(() =>
        inTransaction(db, async () => {
          await db.delete(mfaChallenges).where(lte(mfaChallenges.expiresAt, at));
          await db
            .insert(mfaChallenges)
            .values({ tokenHash: hashOf(token), userId, locale: locale ?? null, attempts: 0, createdAt: at, expiresAt: at + MFA_CHALLENGE_TTL_MS });
        }),
      );
      return token;
    },

    /** The live challenge of a token, or undefined (unknown, expired, used or out of tries). */
    async find(token: string): Promise<Challenge | undefined> {
      const row = await first(
        db
          .select()
          .from(mfaChallenges)
          .where(live(hashOf(token), now())),
      );
      return row ? { userId: row.userId, locale: row.locale ?? undefined } : undefined;
    },

    /**
     * Spends one of the challenge's tries before its code is checked, so that parallel
     * requests (to any instance) cannot check more codes than it allows; false when none is left.
     */
    async takeTry(token: string): Promise<boolean> {
      const result = await revision.excluding(async () =>
        db
          .update(mfaChallenges)
          .set({ attempts: sql`${mfaChallenges.attempts} + 1` })
          .where(live(hashOf(token), now()))
          .returning({ tokenHash: mfaChallenges.tokenHash }),
      );
      return result.length === 1;
    },

    /** Ends the challenge; true only for the one call that ended it, so it signs in once. */
    async end(token: string): Promise<boolean> {
      const result = await revision.excluding(async () =>
        db
          .delete(mfaChallenges)
          .where(eq(mfaChallenges.tokenHash, hashOf(token)))
          .returning({ tokenHash: mfaChallenges.tokenHash }),
      );
      return result.length === 1;
    },
  };
}
export type MfaChallenges = ReturnType<typeof createMfaChallenges>;
