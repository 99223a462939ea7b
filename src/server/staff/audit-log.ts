/**
 * The staff audit log (README "Audit log"): one StaffAuditEvent row per thing staff did. Written
 * in the same transaction as the change it records wherever there is one (re-queue, account
 * changes), so a change without its audit row cannot exist. Sign-in attempts are not copied here:
 * they are recorded once, in StaffLoginAttempt (staff-login-log.ts, /admin/sign-ins).
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

export const AUDIT_ACTIONS = [
  "usage.requeue",
  "call.rerun",
  "staff.add",
  "staff.disable",
  "staff.enable",
  "staff.role",
  "staff.signout",
  "staff.password",
  "staff.passwordReset",
  "staff.sessionsEnded",
  "staff.unlock",
  "license.activate",
  "license.heartbeat",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who acted: the session's staff user, and the address their request came from. */
export interface AuditActor {
  name: string;
  role: string | null;
  clientAddress: string | null;
}

export type AuditDb = Pick<PrismaClient, "staffAuditEvent"> | Pick<Prisma.TransactionClient, "staffAuditEvent">;

export async function recordAudit(
  db: AuditDb,
  actor: AuditActor,
  event: { action: AuditAction; target?: string | null; details?: Prisma.InputJsonValue; nowMs: number },
): Promise<void> {
  await db.staffAuditEvent.create({
    data: {
      at: new Date(event.nowMs),
      actor: actor.name.slice(0, 64),
      actorRole: actor.role?.slice(0, 16) ?? null,
      action: event.action,
      target: event.target?.slice(0, 128) ?? null,
      details: event.details,
      clientAddress: actor.clientAddress?.slice(0, 64) ?? null,
    },
  });
}

/** The fields that leave the server for the audit page. */
export const auditEventSelect = {
  id: true,
  at: true,
  actor: true,
  actorRole: true,
  action: true,
  target: true,
  details: true,
  clientAddress: true,
} as const satisfies Prisma.StaffAuditEventSelect;
