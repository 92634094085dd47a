import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './users';
import { createdAt, id } from './columns';

/**
 * A user's TOTP secret (RFC 6238), encrypted with the server's secret key. A row with no
 * enabled_at is a set-up not confirmed yet. last_used_step is the time step of the last
 * code accepted: a code of that step or an earlier one is refused (no replay).
 */
export const userTotp = sqliteTable('user_totp', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  enabledAt: text('enabled_at'),
  lastUsedStep: integer('last_used_step'),
  createdAt: createdAt(),
});

/** One-time recovery codes, kept as keyed hashes (HMAC-SHA-256 with the server's secret key). */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/** One-time password-reset links made by an administrator; only the SHA-256 of the token is kept. */
export const passwordResetTokens = sqliteTable(
  'password_reset_tokens',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull(),
    /** Epoch milliseconds. */
    expiresAt: integer('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [uniqueIndex('password_reset_token_hash_idx').on(t.tokenHash), index('password_reset_user_idx').on(t.userId)],
);

/** Installation-wide settings, one JSON value per key (e.g. 'security'). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
});

/**
 * What sign-in throttling counts (docs/decisions/014-sign-in-throttling.md): wrong passwords
 * and codes for one account from one address (`pair`), for one account from anywhere
 * (`account`), wrong two-factor codes for one account (`code_account`), wrong passwords from
 * one address on accounts it never signed in to (`address`), and bad password-reset links
 * from one address (`reset_address`).
 */
export const ATTEMPT_SCOPES = ['pair', 'account', 'code_account', 'address', 'reset_address'] as const;
export type AttemptScope = (typeof ATTEMPT_SCOPES)[number];

/**
 * One counter of failed attempts per scope and key. The key is a keyed hash (HMAC under the
 * server key) of the e-mail as typed and/or the address, so the table names no one, not even
 * an e-mail that was a password typed into the wrong box. Times are epoch milliseconds; a
 * counter untouched for a day is forgotten (and deleted on the next write).
 */
export const signInCounters = sqliteTable(
  'sign_in_counters',
  {
    scope: text('scope', { enum: ATTEMPT_SCOPES }).notNull(),
    key: text('key').notNull(),
    failures: integer('failures').notNull(),
    lastAt: integer('last_at').notNull(),
    /** Until when a gated attempt of this scope and key is answered 429. */
    blockedUntil: integer('blocked_until').notNull(),
    /** The audit alert of this episode was written. */
    alerted: integer('alerted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('sign_in_counters_last_idx').on(t.lastAt)],
);

/**
 * Addresses (IPv4, or the /64 of an IPv6 address) an account has fully signed in from.
 * Throttling that guards an account as a whole never holds these back.
 */
export const signInKnownAddresses = sqliteTable(
  'sign_in_known_addresses',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    lastSuccessAt: integer('last_success_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] }), index('sign_in_known_addresses_last_idx').on(t.lastSuccessAt)],
);

/**
 * Sign-ins whose password was right, waiting for the second factor. Only the SHA-256 of the
 * token is kept; a row is used once (deleted when the code is right) and dies at expires_at
 * (epoch ms) or after too many wrong codes. `locale` is the sign-in page's language, for an
 * account that has none yet.
 */
export const mfaChallenges = sqliteTable(
  'mfa_challenges',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    locale: text('locale', { enum: ['en', 'ru', 'tg'] }),
    attempts: integer('attempts').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('mfa_challenges_user_idx').on(t.userId), index('mfa_challenges_expires_idx').on(t.expiresAt)],
);
