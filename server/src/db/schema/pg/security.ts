import * as sqlite from '../sqlite/security';
import { pgTwins } from './twin';

export { ATTEMPT_SCOPES, type AttemptScope } from '../sqlite/security';
export const { userTotp, recoveryCodes, passwordResetTokens, settings, signInCounters, signInKnownAddresses, mfaChallenges } = pgTwins(sqlite);
