import { z } from 'zod';
import { ROLES } from '../enums';
import { LOCALES } from '../locales';
import { NewPasswordSchema } from '../passwords';
import { lineText, RecordIdSchema, textField, VersionSchema } from './common';

export const RoleSchema = z.enum(ROLES);
export const LocaleSchema = z.enum(LOCALES);
/**
 * An account's language: null until one is chosen. The first sign-in then saves the
 * language the sign-in page was shown in, so a new account speaks its owner's language.
 */
export const AccountLocaleSchema = LocaleSchema.nullable();

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Must be an e-mail address' }));

/** A user as the admin sees it. */
export const UserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string(),
  organisation: z.string(),
  role: RoleSchema,
  locale: AccountLocaleSchema,
  disabled: z.boolean(),
  projectIds: z.array(z.number().int()),
  createdAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserInput = z.strictObject({
  email: EmailSchema,
  name: textField(120),
  organisation: lineText(200).default(''),
  role: RoleSchema,
  password: NewPasswordSchema,
  /** Null (the default): the account takes the language its owner first signs in with. */
  locale: AccountLocaleSchema.default(null),
  projectIds: z.array(RecordIdSchema).max(1000).default([]),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.strictObject({
  version: VersionSchema,
  name: textField(120).optional(),
  organisation: lineText(200).optional(),
  role: RoleSchema.optional(),
  projectIds: z.array(RecordIdSchema).max(1000).optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const ListUsersQuery = z.strictObject({
  q: lineText(100).optional(),
  role: RoleSchema.optional(),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;
