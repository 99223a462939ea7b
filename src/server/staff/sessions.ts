/**
 * Signing a staff account out everywhere (README "Staff accounts and roles"): its open
 * server-side sessions (StaffSession rows) are revoked in one UPDATE, so every copy of their
 * cookies dies on its next request. Anyone on staff may end their own other sessions (the one
 * asking stays signed in); an owner may end all of another account's. The audit row is written
 * in the same transaction as the revocation, with the number of sessions ended.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { AppError } from "~/server/errors";
import { recordAudit, type AuditActor } from "./audit-log";

export interface SessionsEnded {
  sessionsEnded: number;
}

/** Open sessions per account name (not revoked, not past their end), for the accounts list. */
export async function openSessionCounts(prisma: Pick<PrismaClient, "staffSession">, nowMs: number): Promise<Map<string, number>> {
  const rows = await prisma.staffSession.groupBy({
    by: ["userName"],
    where: { revokedAt: null, expiresAt: { gt: new Date(nowMs) } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.userName, r._count._all]));
}

/**
 * Ends the open sessions of `userName` but `keepSessionId` (the request's own, when the actor
 * signs their own account out elsewhere). An unknown account is NOT_FOUND; a disabled one has no
 * open sessions (disabling ended them) and answers 0.
 */
export async function endStaffSessions(
  prisma: PrismaClient,
  actor: AuditActor,
  input: { userName: string; keepSessionId: string | null; nowMs: number },
): Promise<SessionsEnded> {
  const now = new Date(input.nowMs);
  return prisma.$transaction(async (tx) => {
    const account = await tx.staffAccount.findUnique({ where: { userName: input.userName }, select: { id: true } });
    if (!account) throw new AppError("NOT_FOUND", `staff account ${input.userName}`);
    const { count: sessionsEnded } = await tx.staffSession.updateMany({
      where: { userName: input.userName, revokedAt: null, ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}) },
      data: { revokedAt: now, revokedReason: "signed out everywhere" },
    });
    await recordAudit(tx, actor, {
      action: "staff.sessionsEnded",
      target: input.userName,
      details: { sessionsEnded, keptOwn: input.keepSessionId !== null },
      nowMs: input.nowMs,
    });
    return { sessionsEnded };
  });
}
