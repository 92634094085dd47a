import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const KEY_BYTES = 32;
const VERSION = 'v1';

/**
 * Encrypts small secrets at rest (TOTP seeds) with AES-256-GCM, and hashes one-time codes
 * with HMAC-SHA-256, under one server key kept outside the database. A copy of the
 * database (a backup, say) then holds neither usable seeds nor codes that can be
 * brute-forced offline. `context` binds a ciphertext to its row (e.g. the user id), so
 * one user's seed cannot be pasted into another's row.
 */
export function createSecretBox(key: Buffer) {
  if (key.length !== KEY_BYTES) throw new Error(`The secret key must be ${KEY_BYTES} bytes, not ${key.length}`);
  const encKey = createHmac('sha256', key).update('hamkori:encrypt').digest();
  const macKey = createHmac('sha256', key).update('hamkori:hash').digest();

  return {
    encrypt(plain: string, context: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },

    /** The plain text, or null when the value was not sealed with this key and context. */
    decrypt(sealed: string, context: string): string | null {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },

    /** A keyed hash for lookups of high-entropy one-time codes. */
    hash(value: string): string {
      return createHmac('sha256', macKey).update(value).digest('base64url');
    },
  };
}
export type SecretBox = ReturnType<typeof createSecretBox>;

/** A fresh random key, for tests and throwaway instances: what it sealed is lost with it. */
export function randomSecretKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/**
 * The key from HAMKORI_SECRET_KEY (base64, 32 bytes) when set; otherwise from a key file,
 * created (mode 0600) on first start. Losing the key turns off every TOTP seed and
 * recovery code: users then need an administrator to reset their two-factor sign-in.
 */
export function loadSecretKey(fromEnv: string | undefined, keyFile: string): Buffer {
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`HAMKORI_SECRET_KEY must be ${KEY_BYTES} bytes in base64`);
    return key;
  }
  if (existsSync(keyFile)) {
    const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`${keyFile} does not hold a ${KEY_BYTES}-byte key in base64`);
    return key;
  }
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomSecretKey();
  writeFileSync(keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  return key;
}
