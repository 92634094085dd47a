import { bigint, boolean, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { ATTEMPT_SCOPES } from '../sqlite/security';
import { createdAt } from './columns';
import { users } from './users';

/**
 * A user's TOTP secret (RFC 6238), encrypted with the server's secret key. A row with no
 * enabled_at is a set-up not confirmed yet. last_used_step is the time step of the last
 * code accepted: a code of that step or an earlier one is refused (no replay).
 */
export const userTotp = pgTable('user_totp', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  enabledAt: text('enabled_at'),
  /** Seconds since 1970 over 30: about 5.9e7 today, 2^31 in the year 4010. */
  lastUsedStep: integer('last_used_step'),
  createdAt: createdAt(),
});

/** One-time recovery codes, kept as keyed hashes (HMAC-SHA-256 with the server's secret key). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/** One-time password-reset links made by an administrator; only the SHA-256 of the token is kept. */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull(),
    /** Epoch milliseconds (64-bit). */
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    usedAt: text('used_at'),
  },
  (t) => [uniqueIndex('password_reset_token_hash_idx').on(t.tokenHash), index('password_reset_user_idx').on(t.userId)],
);

/** Installation-wide settings, one JSON value per key (e.g. 'security'). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: json('value').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

export { ATTEMPT_SCOPES, type AttemptScope } from '../sqlite/security';

/** What sign-in throttling counts (see the SQLite description and decision 014); times in epoch ms. */
export const signInCounters = pgTable(
  'sign_in_counters',
  {
    scope: text('scope', { enum: ATTEMPT_SCOPES }).notNull(),
    key: text('key').notNull(),
    failures: integer('failures').notNull(),
    lastAt: bigint('last_at', { mode: 'number' }).notNull(),
    blockedUntil: bigint('blocked_until', { mode: 'number' }).notNull(),
    alerted: boolean('alerted').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('sign_in_counters_last_idx').on(t.lastAt)],
);

/** Addresses an account has fully signed in from. */
export const signInKnownAddresses = pgTable(
  'sign_in_known_addresses',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    lastSuccessAt: bigint('last_success_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] }), index('sign_in_known_addresses_last_idx').on(t.lastSuccessAt)],
);

/** Sign-ins waiting for the second factor (hashed token, single use, epoch-ms expiry). */
export const mfaChallenges = pgTable(
  'mfa_challenges',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    locale: text('locale', { enum: ['en', 'ru', 'tg'] }),
    attempts: integer('attempts').notNull().default(0),
    createdAt: bigint('created_at', { mode: 'number' }).notNull(),
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('mfa_challenges_user_idx').on(t.userId), index('mfa_challenges_expires_idx').on(t.expiresAt)],
);
