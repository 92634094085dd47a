import { createHash, randomBytes } from 'node:crypto';
import type { Locale } from '@shared/locales';

/** How long the two-factor step of a sign-in may take after the password was right. */
export const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Wrong codes one challenge takes before the password must be given again. */
export const MFA_CHALLENGE_ATTEMPTS = 5;

/** `locale`: the sign-in page's language at the password step, for an account that has none yet. */
type Challenge = { userId: number; email: string; locale: Locale | undefined; expiresAt: number; attempts: number };

/**
 * Sign-ins waiting for their second factor, in memory: one process serves the app, a
 * challenge lives minutes, and a restart merely asks for the password again. Only the
 * SHA-256 of each token is kept.
 */
export function createMfaChallenges(now: () => number = Date.now) {
  const pending = new Map<string, Challenge>();
  const key = (token: string) => createHash('sha256').update(token).digest('base64url');

  function sweep() {
    const t = now();
    for (const [k, c] of pending) if (c.expiresAt <= t) pending.delete(k);
  }

  return {
    create(userId: number, email: string, locale?: Locale): string {
      sweep();
      const token = randomBytes(32).toString('base64url');
      pending.set(key(token), { userId, email, locale, expiresAt: now() + MFA_CHALLENGE_TTL_MS, attempts: 0 });
      return token;
    },

    /** The live challenge of a token, or undefined (unknown, expired or used up). */
    find(token: string): Challenge | undefined {
      const c = pending.get(key(token));
      if (!c) return undefined;
      if (c.expiresAt <= now() || c.attempts >= MFA_CHALLENGE_ATTEMPTS) {
        pending.delete(key(token));
        return undefined;
      }
      return c;
    },

    /** Counts a wrong code; the challenge ends after too many. */
    fail(token: string): void {
      const c = pending.get(key(token));
      if (c) c.attempts += 1;
    },

    end(token: string): void {
      pending.delete(key(token));
    },
  };
}
export type MfaChallenges = ReturnType<typeof createMfaChallenges>;
