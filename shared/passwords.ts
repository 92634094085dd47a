import { z } from 'zod';

/**
 * The most common passwords of twelve characters or more, as seen in public breach
 * corpora. A short list is enough here: length does most of the work, and this only
 * stops the few long passwords everybody tries first.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123123123123',
  '111111111111',
  '000000000000',
  '123412341234',
  '987654321098',
  'qwertyuiopas',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwerty123456',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'q1w2e3r4t5y6',
  'zaq12wsxcde3',
  'asdfghjkl123',
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'password!234',
  'p@ssw0rd1234',
  'passw0rd1234',
  'iloveyou1234',
  'administrator',
  'administrator1',
  'adminadmin123',
  'welcome12345',
  'welcome123456',
  'letmein12345',
  'changeme1234',
  'changeme12345',
  'abcdefghijkl',
  'abcd12345678',
  'abc123456789',
  'football1234',
  'baseball1234',
  'superman1234',
  'sunshine1234',
  'princess1234',
  'trustno1trustno1',
  'monkey123456',
  'dragon123456',
  'master123456',
  'qwertyqwerty',
  'aaaaaaaaaaaa',
  'hamkori12345',
  'hamkori123456',
  'dushanbe1234',
]);

export const PASSWORD_MIN_LENGTH = 12;

/** True when the password is on the built-in list of the most common ones (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** New passwords: at least 12 characters, no composition rules, not a common one. */
export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters`)
  .max(256, 'At most 256 characters')
  .refine((p) => !isCommonPassword(p), { message: 'This password is too common; choose another' });
