import type { Role } from '@shared/enums';
import { isEditorRole, SecuritySettingsSchema, type SecuritySettings } from '@shared/schemas/security';
import type { Db } from '../db/client';
import { settings } from '../db/schema';

const SECURITY_KEY = 'security';
const DEFAULTS: SecuritySettings = { requireTotpForEditors: false };

/** The installation's security settings; defaults when none were saved (or the saved value no longer parses). */
export function readSecuritySettings(db: Db): SecuritySettings {
  // Read on every signed-in request (the two-factor check), so the SQL is plain and the parse is kept for the same text.
  const text = db.$client.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SECURITY_KEY) as string | undefined;
  if (text === lastParsed.text) return lastParsed.value;
  let value = DEFAULTS;
  if (text !== undefined) {
    try {
      const parsed = SecuritySettingsSchema.safeParse(JSON.parse(text));
      if (parsed.success) value = parsed.data;
    } catch {
      // Not JSON: the defaults apply, as for a value that no longer parses.
    }
  }
  lastParsed = { text, value };
  return value;
}

let lastParsed: { text: string | undefined; value: SecuritySettings } = { text: undefined, value: DEFAULTS };

export function writeSecuritySettings(db: Db, value: SecuritySettings, userId: number): void {
  const updatedAt = new Date().toISOString();
  db.insert(settings)
    .values({ key: SECURITY_KEY, value, updatedAt, updatedBy: userId })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt, updatedBy: userId } })
    .run();
}

export function hasTotpEnabled(db: Db, userId: number): boolean {
  return db.$client.prepare('SELECT 1 FROM user_totp WHERE user_id = ? AND enabled_at IS NOT NULL').pluck().get(userId) !== undefined;
}

/** True when the user's role must have two-factor sign-in and the user has not set it up. */
export function isMfaEnrolmentRequired(db: Db, userId: number, role: Role): boolean {
  if (!isEditorRole(role)) return false;
  return readSecuritySettings(db).requireTotpForEditors && !hasTotpEnabled(db, userId);
}
