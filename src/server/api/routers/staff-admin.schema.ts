/** Inputs of the staff-account API (/admin/staff). */
import { z } from "zod";
import { STAFF_ROLES } from "~/server/staff/accounts";

/** Letters, digits and . _ @ - ; what a sign-in form can type without surprises. */
const userName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, "letters, digits and . _ @ - only");

export const ZStaffAddInput = z.object({
  userName,
  // Length and strength are judged by passwordWeakness (passwords.ts), with a clear message.
  password: z.string().max(200),
  role: z.enum(STAFF_ROLES),
});

/** Own password: the current one is checked by bcrypt, the new one by passwordWeakness. */
export const ZStaffChangePasswordInput = z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) });
export const ZStaffResetPasswordInput = z.object({ userName, newPassword: z.string().max(200) });

export const ZStaffSetDisabledInput = z.object({ userName, disabled: z.boolean() });
export const ZStaffSetRoleInput = z.object({ userName, role: z.enum(STAFF_ROLES) });
export const ZStaffEndSessionsInput = z.object({ userName });
