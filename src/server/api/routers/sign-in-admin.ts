/**
 * The staff sign-in record (/admin/sign-ins): every attempt, newest first, and the throttle
 * counters locked right now. Staff only; the session ids of successful attempts stay inside.
 */
import { createTRPCRouter, staffProcedure } from "~/server/api/trpc";
import { ZSignInListInput, ZSignInListOutput } from "./sign-in-admin.schema";

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
});
