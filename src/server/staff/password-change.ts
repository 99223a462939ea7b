/**
 * Staff passwords after the account exists (README "Staff accounts and roles"): any signed-in
 * staff member changes their own (the current password is required), an owner resets another
 * account's. The new password meets the same rule as a new account's (passwordWeakness: in
 * production the STAFF_PASSWORD rule). Each change is in the audit log, in the same transaction
 * as the new hash, and ends the account's other server-side sessions (StaffSession rows): a
 * cookie taken before the change dies on its next request. The change is a compare-and-set on
 * the old hash, so two changes at once cannot both pass with the same current password.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";
import { recordAudit, type AuditActor } from "./audit-log";
import { checkPassword, hashPassword, passwordWeakness } from "./passwords";

export interface PasswordChangeResult {
  /** Sessions of the account that were ended by the change. */
  sessionsEnded: number;
}

/** The signed-in staff member's own password. `currentSessionId` (the request's session) stays signed in. */
export async function changeOwnPassword(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { currentPassword: string; newPassword: string; currentSessionId: string | null; production: boolean; nowMs: number },
): Promise<PasswordChangeResult> {
  const row = await prisma.staffAccount.findUnique({ where: { userName: actor.name }, select: { passwordHash: true, disabledAt: true } });
  // Always one bcrypt comparison, as at sign-in.
  const ok = await checkPassword(input.currentPassword, row?.passwordHash ?? null);
  if (!row || row.disabledAt) throw new AppError("UNAUTHENTICATED", `staff account ${actor.name} is disabled or removed`);
  if (!ok) throw new AppError("WRONG_PASSWORD");
  return setPassword(prisma, actor, {
    userName: actor.name,
    oldHash: row.passwordHash,
    newPassword: input.newPassword,
    keepSessionId: input.currentSessionId,
    action: "staff.password",
    production: input.production,
    nowMs: input.nowMs,
  });
}

/** An owner sets another account's password (the owner's own goes through changeOwnPassword). */
export async function resetStaffPassword(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { userName: string; newPassword: string; production: boolean; nowMs: number },
): Promise<PasswordChangeResult> {
  if (input.userName === actor.name) throw new AppError("OWN_PASSWORD_RESET");
  return setPassword(prisma, actor, {
    userName: input.userName,
    oldHash: null,
    newPassword: input.newPassword,
    keepSessionId: null,
    action: "staff.passwordReset",
    production: input.production,
    nowMs: input.nowMs,
  });
}

async function setPassword(
  prisma: PrismaClient,
  actor: AuditActor,
  input: {
    userName: string;
    /** The hash the current password was checked against (compare-and-set), or null for a reset. */
    oldHash: string | null;
    newPassword: string;
    keepSessionId: string | null;
    action: "staff.password" | "staff.passwordReset";
    production: boolean;
    nowMs: number;
  },
): Promise<PasswordChangeResult> {
  const weak = passwordWeakness(input.newPassword, input.userName, input.production);
  if (weak) throw new AppError("WEAK_PASSWORD", weak.en, { reason: weak });
  const hash = await hashPassword(input.newPassword);
  const now = new Date(input.nowMs);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.staffAccount.updateMany({
      where: { userName: input.userName, ...(input.oldHash !== null ? { passwordHash: input.oldHash } : {}) },
      data: { passwordHash: hash, updatedAt: now },
    });
    // Another change committed since the old hash was read: its password is no longer the one checked.
    if (count === 0) throw new AppError(input.action === "staff.password" ? "WRONG_PASSWORD" : "NOT_FOUND", `staff account ${input.userName} changed meanwhile`);
    const { count: sessionsEnded } = await tx.staffSession.updateMany({
      where: { userName: input.userName, revokedAt: null, ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}) },
      data: { revokedAt: now, revokedReason: input.action === "staff.password" ? "password changed" : "password reset" },
    });
    await recordAudit(tx, actor, { action: input.action, target: input.userName, details: { sessionsEnded }, nowMs: input.nowMs });
    return { sessionsEnded };
  });
}
