/**
 * The usage-push outbox (UsagePushRecord): claim due records, record what the marketplace said.
 *
 * Why not a job-queue library: pg-boss (the maintained PostgreSQL queue) needs a multi-connection
 * pool, creates its own schema outside our migrations, and runs on PGlite only through a shim that
 * inlines parameters into SQL text (timgit/pg-boss#563). A few statements do the job on both engines:
 *
 *   claim: UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) sets a lease and counts
 *          the attempt — concurrent workers never claim the same record, and a worker that dies
 *          mid-push loses its claim when the lease runs out (the record is pushed again with the
 *          same metering_sn, which the marketplace recognises).
 *   mark:  SENT is final; retries and dead letters (FAILED) only change records still PENDING.
 *
 * Only records with an instance_id and a begin/end window (resolve-records.ts) are claimed.
 */
import type { PrismaClient, UsagePushRecord } from "~/generated/prisma/client";

/** Why a record is a dead letter (UsagePushRecord.deadReason). */
export const DEAD_REASONS = ["REFUSED", "TOO_OLD", "TEST_INSTANCE", "NO_ON_DEMAND_INSTANCE", "GAVE_UP"] as const;
export type DeadReason = (typeof DEAD_REASONS)[number];

export async function claimDueRecords(prisma: PrismaClient, opts: { nowMs: number; limit: number; leaseMs: number }): Promise<UsagePushRecord[]> {
  const now = new Date(opts.nowMs).toISOString();
  return prisma.$queryRawUnsafe<UsagePushRecord[]>(
    `UPDATE "UsagePushRecord" r
        SET "leaseUntil" = $2::text::timestamp(3), "attempts" = r."attempts" + 1
      WHERE r."id" IN (
        SELECT "id" FROM "UsagePushRecord"
         WHERE "status" = 'PENDING' AND "nextAttemptAt" <= $1::text::timestamp(3)
           AND ("leaseUntil" IS NULL OR "leaseUntil" <= $1::text::timestamp(3))
           AND "instanceId" <> '' AND "beginTime" IS NOT NULL
         ORDER BY "hourStart", "id"
         LIMIT $3::int
         FOR UPDATE SKIP LOCKED)
      RETURNING r.*`,
    now,
    new Date(opts.nowMs + opts.leaseMs).toISOString(),
    opts.limit,
  );
}

/** Keeps our claim while a batch is being bisected (each call may take the whole timeout). */
export async function extendLease(prisma: PrismaClient, ids: string[], untilMs: number): Promise<void> {
  await prisma.usagePushRecord.updateMany({ where: { id: { in: ids }, status: "PENDING" }, data: { leaseUntil: new Date(untilMs) } });
}

/** Claimed but not sent this cycle (call budget spent, or backing off): free again, attempt not counted. */
export async function releaseClaim(prisma: PrismaClient, ids: string[]): Promise<void> {
  await prisma.usagePushRecord.updateMany({ where: { id: { in: ids }, status: "PENDING" }, data: { leaseUntil: null, attempts: { decrement: 1 } } });
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
  answer: { code?: string; reason: string },
  nowMs: number,
  policy: { backoffBaseMs: number; backoffMaxMs: number; maxAttempts: number },
): Promise<{ dead: number }> {
  let dead = 0;
  for (const r of records) {
    const giveUp = r.attempts >= policy.maxAttempts;
    if (giveUp) {
      dead++;
      await markDead(prisma, [r.id], "GAVE_UP", { code: answer.code, reason: `gave up after ${r.attempts} attempts; last: ${answer.reason}` }, nowMs);
      continue;
    }
    await prisma.usagePushRecord.updateMany({
      where: { id: r.id, status: "PENDING" },
      data: {
        leaseUntil: null,
        nextAttemptAt: new Date(nowMs + backoffMs(r.attempts, policy.backoffBaseMs, policy.backoffMaxMs)),
        lastError: answer.reason,
        lastResultCode: answer.code ?? null,
      },
    });
  }
  return { dead };
}

export async function markDead(prisma: PrismaClient, ids: string[], reason: DeadReason, answer: { code?: string; reason: string }, nowMs: number): Promise<number> {
  const { count } = await prisma.usagePushRecord.updateMany({
    where: { id: { in: ids }, status: "PENDING" },
    data: { status: "FAILED", deadReason: reason, deadAt: new Date(nowMs), leaseUntil: null, lastError: answer.reason, lastResultCode: answer.code ?? null },
  });
  return count;
}

/**
 * Before anything is sent: records the marketplace can never bill go to the dead letters unsent —
 * begin_time more than `maxAgeMs` ago (it would answer MKT.9004), or a debug instance's.
 * Records another worker holds a live claim on are left to it.
 */
export async function deadLetterUnsendable(prisma: PrismaClient, nowMs: number, maxAgeMs: number): Promise<{ tooOld: number; test: number }> {
  const now = new Date(nowMs).toISOString();
  const open = `r."status" = 'PENDING' AND (r."leaseUntil" IS NULL OR r."leaseUntil" <= $1::text::timestamp(3))`;
  const tooOld = await prisma.$executeRawUnsafe(
    `UPDATE "UsagePushRecord" r
        SET "status" = 'FAILED', "deadReason" = 'TOO_OLD', "deadAt" = $1::text::timestamp(3), "leaseUntil" = NULL,
            "lastError" = 'begin_time is more than 21 days ago: the marketplace no longer bills it (never sent)'
      WHERE ${open} AND COALESCE(r."beginTime", r."hourStart") < $2::text::timestamp(3)`,
    now,
    new Date(nowMs - maxAgeMs).toISOString(),
  );
  const test = await prisma.$executeRawUnsafe(
    `UPDATE "UsagePushRecord" r
        SET "status" = 'FAILED', "deadReason" = 'TEST_INSTANCE', "deadAt" = $1::text::timestamp(3), "leaseUntil" = NULL,
            "lastError" = 'usage of a seller debug instance (testFlag=1) is never pushed'
      WHERE ${open} AND EXISTS (SELECT 1 FROM "Instance" i WHERE i."id" IN (r."instanceId", r."packageInstanceId") AND i."isTest")`,
    now,
  );
  return { tooOld, test };
}
