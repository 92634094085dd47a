import { and, eq, isNotNull } from 'drizzle-orm';
import type { Role } from '@shared/enums';
import { isEditorRole, SecuritySettingsSchema, type SecuritySettings } from '@shared/schemas/security';
import type { Db } from '../db/client';
import { settings, userTotp } from '../db/schema';

const SECURITY_KEY = 'security';
const DEFAULTS: SecuritySettings = { requireTotpForEditors: false };

/** The installation's security settings; defaults when none were saved (or the saved value no longer parses). */
export function readSecuritySettings(db: Db): SecuritySettings {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, SECURITY_KEY)).get();
  const parsed = SecuritySettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULTS;
}

export function writeSecuritySettings(db: Db, value: SecuritySettings, userId: number): void {
  const updatedAt = new Date().toISOString();
  db.insert(settings)
    .values({ key: SECURITY_KEY, value, updatedAt, updatedBy: userId })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt, updatedBy: userId } })
    .run();
}

export function hasTotpEnabled(db: Db, userId: number): boolean {
  return (
    db
      .select({ userId: userTotp.userId })
      .from(userTotp)
      .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.enabledAt)))
      .get() !== undefined
  );
}

/** True when the user's role must have two-factor sign-in and the user has not set it up. */
export function isMfaEnrolmentRequired(db: Db, userId: number, role: Role): boolean {
  if (!isEditorRole(role)) return false;
  return readSecuritySettings(db).requireTotpForEditors && !hasTotpEnabled(db, userId);
}
