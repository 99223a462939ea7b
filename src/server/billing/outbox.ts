/**
 * The usage-push outbox (UsagePushRecord): claim due records, record what the marketplace said.
 *
 * Why not a job-queue library: pg-boss (the maintained PostgreSQL queue) needs a multi-connection
 * pool, creates its own schema outside our migrations, and runs on PGlite only through a shim that
 * inlines parameters into SQL text (timgit/pg-boss#563). Two statements do the job on both engines:
 *
 *   claim: UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) sets a lease and counts
 *          the attempt — concurrent workers never claim the same record, and a worker that dies
 *          mid-push loses its claim when the lease runs out (the record is pushed again with the
 *          same metering_sn, which the marketplace recognises).
 *   mark:  SENT is final; retries and FAILED only change records still PENDING.
 */
import type { PrismaClient, UsagePushRecord } from "~/generated/prisma/client";

export async function claimDueRecords(prisma: PrismaClient, opts: { nowMs: number; limit: number; leaseMs: number }): Promise<UsagePushRecord[]> {
  const now = new Date(opts.nowMs).toISOString();
  return prisma.$queryRawUnsafe<UsagePushRecord[]>(
    `UPDATE "UsagePushRecord" r
        SET "leaseUntil" = $2::text::timestamp(3), "attempts" = r."attempts" + 1
      WHERE r."id" IN (
        SELECT "id" FROM "UsagePushRecord"
         WHERE "status" = 'PENDING' AND "nextAttemptAt" <= $1::text::timestamp(3)
           AND ("leaseUntil" IS NULL OR "leaseUntil" <= $1::text::timestamp(3))
         ORDER BY "hourStart", "id"
         LIMIT $3::int
         FOR UPDATE SKIP LOCKED)
      RETURNING r.*`,
    now,
    new Date(opts.nowMs + opts.leaseMs).toISOString(),
    opts.limit,
  );
}

export async function markSent(prisma: PrismaClient, ids: string[], code: string | undefined, nowMs: number): Promise<void> {
  await prisma.usagePushRecord.updateMany({
    where: { id: { in: ids } },
    data: { status: "SENT", sentAt: new Date(nowMs), leaseUntil: null, lastResultCode: code ?? null, lastError: null },
  });
}

/** Exponential backoff with ±20 % jitter, capped so retries keep coming within the reporting window. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

export async function markRetry(
  prisma: PrismaClient,
  records: Array<Pick<UsagePushRecord, "id" | "attempts">>,
  reason: { code?: string; reason: string },
  nowMs: number,
  policy: { backoffBaseMs: number; backoffMaxMs: number; maxAttempts: number },
): Promise<{ failed: number }> {
  let failed = 0;
  for (const r of records) {
    const giveUp = r.attempts >= policy.maxAttempts;
    if (giveUp) failed++;
    await prisma.usagePushRecord.updateMany({
      where: { id: r.id, status: "PENDING" },
      data: {
        status: giveUp ? "FAILED" : "PENDING",
        leaseUntil: null,
        nextAttemptAt: new Date(nowMs + backoffMs(r.attempts, policy.backoffBaseMs, policy.backoffMaxMs)),
        lastError: reason.reason,
        lastResultCode: reason.code ?? null,
      },
    });
  }
  return { failed };
}

export async function markFailed(prisma: PrismaClient, id: string, reason: { code?: string; reason: string }): Promise<void> {
  await prisma.usagePushRecord.updateMany({
    where: { id, status: "PENDING" },
    data: { status: "FAILED", leaseUntil: null, lastError: reason.reason, lastResultCode: reason.code ?? null },
  });
}
