import { z } from 'zod';
import { NewPasswordSchema } from '../passwords';
import { LocaleSchema, RoleSchema } from './user';

export const LoginInput = z.strictObject({
  email: z.string().trim().toLowerCase().min(1, 'Required').max(254),
  password: z.string().min(1, 'Required').max(256),
});
export type LoginInput = z.infer<typeof LoginInput>;

/** The signed-in user as the client needs it. */
export const SessionUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  locale: LocaleSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const AuthResponseSchema = z.object({ user: SessionUserSchema, csrfToken: z.string() });
export type AuthResponse = z.infer<typeof AuthResponseSchema>;

export const UpdatePreferencesInput = z.strictObject({ locale: LocaleSchema });
export type UpdatePreferencesInput = z.infer<typeof UpdatePreferencesInput>;

export const ChangePasswordInput = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: NewPasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;
