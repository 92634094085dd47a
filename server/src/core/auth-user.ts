import type { Role } from '@shared/enums';
import type { Locale } from '@shared/locales';

/**
 * Who is signed in, as services see it. It lives here, not in the web layer, so that
 * services and core take a user without depending on how a request carried it.
 * `locale` is null while the account has no language chosen.
 */
export type AuthUser = { id: number; email: string; name: string; role: Role; locale: Locale | null };

export type AuthContext = {
  user: AuthUser;
  sessionId: string;
  csrfToken: string;
  /** Two-factor sign-in is required for the user's role and not set up: only the set-up routes answer. */
  mfaEnrolmentRequired: boolean;
};
