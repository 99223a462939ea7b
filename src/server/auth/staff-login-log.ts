/**
 * The record of staff sign-in attempts: every attempt, whatever its outcome, with the typed
 * username, client address and user agent — listed for staff at /admin/sign-ins. Kept
 * ATTEMPT_RETENTION_DAYS; pruning runs on attempts that reached the password check, whose
 * number the throttle bounds.
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { countSignInFailure } from "~/server/observability/metrics";

export const ATTEMPT_RETENTION_DAYS = 90;

export const SIGN_IN_OUTCOMES = ["success", "wrong_credentials", "locked_address", "locked_user"] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

export type AttemptLogDb = Pick<PrismaClient, "staffLoginAttempt">;

export async function recordSignInAttempt(
  db: AttemptLogDb,
  a: { userName: string; clientAddress: string; userAgent: string | null; outcome: SignInOutcome; retryAfterSeconds?: number; sessionId?: string; nowMs: number },
): Promise<void> {
  if (a.outcome !== "success") countSignInFailure("staff", a.outcome);
  await db.staffLoginAttempt.create({
    data: {
      createdAt: new Date(a.nowMs),
      userName: a.userName.slice(0, 64),
      clientAddress: a.clientAddress.slice(0, 64),
      userAgent: a.userAgent?.slice(0, 255) ?? null,
      outcome: a.outcome,
      retryAfterSeconds: a.retryAfterSeconds ?? null,
      sessionId: a.sessionId ?? null,
    },
  });
}

export async function pruneSignInAttempts(db: AttemptLogDb, nowMs: number): Promise<void> {
  await db.staffLoginAttempt.deleteMany({ where: { createdAt: { lt: new Date(nowMs - ATTEMPT_RETENTION_DAYS * 24 * 3600_000) } } });
}
