import type { Role } from '@shared/enums';
import { isEditorRole, SecuritySettingsSchema, type SecuritySettings } from '@shared/schemas/security';
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/client';
import { settings } from '../db/schema';

const SECURITY_KEY = 'security';
const DEFAULTS: SecuritySettings = { requireTotpForEditors: false };

/** The installation's security settings; defaults when none were saved (or the saved value no longer parses). */
export async function readSecuritySettings(db: Db): Promise<SecuritySettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SECURITY_KEY));
  if (!row) return DEFAULTS;
  const parsed = SecuritySettingsSchema.safeParse(row.value);
  return parsed.success ? parsed.data : DEFAULTS;
}

export async function writeSecuritySettings(db: Db, value: SecuritySettings, userId: number): Promise<void> {
  const updatedAt = new Date().toISOString();
  await db
    .insert(settings)
    .values({ key: SECURITY_KEY, value, updatedAt, updatedBy: userId })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt, updatedBy: userId } });
}

export async function hasTotpEnabled(db: Db, userId: number): Promise<boolean> {
  const rows = await queryRows(db, sql`SELECT 1 AS "one" FROM user_totp WHERE user_id = ${userId} AND enabled_at IS NOT NULL`);
  return rows.length > 0;
}

/** True when the user's role must have two-factor sign-in and the user has not set it up. */
export async function isMfaEnrolmentRequired(db: Db, userId: number, role: Role): Promise<boolean> {
  if (!isEditorRole(role)) return false;
  return (await readSecuritySettings(db)).requireTotpForEditors && !(await hasTotpEnabled(db, userId));
}
