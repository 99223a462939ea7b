/**
 * The staff sign-in record (/admin/sign-ins): every attempt, newest first, and the throttle
 * counters locked right now. Staff only; the session ids of successful attempts stay inside.
 * Owners lift a lock by hand (unlock), audited as staff.unlock.
 */
import { createTRPCRouter, ownerProcedure, staffProcedure } from "~/server/api/trpc";
import { liftThrottleLock } from "~/server/auth/staff-throttle";
import { recordAudit } from "~/server/staff/audit-log";
import { ZSignInListInput, ZSignInListOutput, ZSignInUnlockInput } from "./sign-in-admin.schema";

export const signInAdminRouter = createTRPCRouter({
  list: staffProcedure
    .input(ZSignInListInput)
    .output(ZSignInListOutput)
    .query(async ({ ctx, input }) => {
      const now = new Date();
      const [attempts, locks] = await Promise.all([
        ctx.db.staffLoginAttempt.findMany({
          where: input.outcome ? { outcome: input.outcome } : {},
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          take: input.limit,
          select: { id: true, createdAt: true, userName: true, clientAddress: true, userAgent: true, outcome: true, retryAfterSeconds: true },
        }),
        ctx.db.staffLoginThrottle.findMany({
          where: { lockedUntil: { gt: now } },
          orderBy: { lockedUntil: "desc" },
          take: 50,
          select: { scope: true, key: true, lockedUntil: true },
        }),
      ]);
      return { attempts, locks: locks.map((l) => ({ scope: l.scope, key: l.key, lockedUntil: l.lockedUntil! })) };
    }),

  /**
   * Lifts a lock now. A counter that is not locked (any more) changes nothing and writes no
   * audit row: `lifted` says whether this call lifted it. The audit row is in the same transaction.
   */
  unlock: ownerProcedure.input(ZSignInUnlockInput).mutation(({ ctx, input }) => {
    const nowMs = Date.now();
    return ctx.db.$transaction(async (tx) => {
      const lifted = await liftThrottleLock(tx, { ...input, nowMs });
      if (lifted) await recordAudit(tx, ctx.actor, { action: "staff.unlock", target: input.key, details: { scope: input.scope }, nowMs });
      return { lifted };
    });
  }),
});
