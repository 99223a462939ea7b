/**
 * Housekeeping of the call log and the replay store, one step of the worker cycle
 * (src/server/billing/worker.ts):
 *
 * - a call still open INTERRUPTED_AFTER_MS after it arrived was cut off by a crash (every call is
 *   answered or times out within seconds): it gets `interruptedAt`, keeps `resultCode` null, and
 *   shows as "interrupted" in /admin/calls;
 * - calls older than CALL_LOG_RETENTION_DAYS are deleted;
 * - nonces past their expiry are deleted (replays of them fail the timestamp check anyway).
 *
 * Deletes go in batches of `batchSize` rows, at most `maxBatches` per run, each one short
 * statement; rows are claimed with SKIP LOCKED so replicas running the worker at the same time
 * share the work instead of waiting on each other. The clock is a parameter (tests inject it).
 */
import type { PrismaClient } from "~/generated/prisma/client";
import { getEnv } from "~/env";

/** Longer than any call can run (transactions time out after 60 s; the marketplace waits 5 s). */
export const INTERRUPTED_AFTER_MS = 15 * 60_000;

const DAY_MS = 86_400_000;

export interface HousekeepingOptions {
  nowMs: number;
  /** Default: CALL_LOG_RETENTION_DAYS. */
  retentionDays?: number;
  interruptedAfterMs?: number;
  batchSize?: number;
  maxBatches?: number;
}

export interface HousekeepingResult {
  interrupted: number;
  deletedCalls: number;
  deletedNonces: number;
}

// TIMESTAMP(3) columns hold UTC without a zone: compare with the UTC text of the instant, so
// the session's time zone cannot shift it (as in src/server/billing/retention.ts).
const utc = (ms: number) => new Date(ms).toISOString();

/** Marks calls open since before `nowMs - afterMs` as interrupted; returns how many. */
export async function closeInterruptedCalls(prisma: PrismaClient, nowMs: number, afterMs = INTERRUPTED_AFTER_MS): Promise<number> {
  // One conditional statement: a call that completes meanwhile no longer matches.
  return prisma.$executeRawUnsafe(
    `UPDATE "MarketplaceCall" SET "interruptedAt" = $1::text::timestamp(3)
      WHERE "completedAt" IS NULL AND "interruptedAt" IS NULL AND "receivedAt" < $2::text::timestamp(3)`,
    utc(nowMs),
    utc(nowMs - afterMs),
  );
}

async function deleteInBatches(run: () => Promise<number>, batchSize: number, maxBatches: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await run();
    total += n;
    if (n < batchSize) break;
  }
  return total;
}

/** Deletes calls received before `nowMs - retentionDays`; returns how many. */
export function deleteOldCalls(prisma: PrismaClient, nowMs: number, retentionDays: number, batchSize = 1000, maxBatches = 20): Promise<number> {
  const cutoff = utc(nowMs - retentionDays * DAY_MS);
  return deleteInBatches(
    () =>
      prisma.$executeRawUnsafe(
        `DELETE FROM "MarketplaceCall" WHERE "id" IN (
           SELECT "id" FROM "MarketplaceCall" WHERE "receivedAt" < $1::text::timestamp(3)
            ORDER BY "receivedAt" LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        cutoff,
        batchSize,
      ),
    batchSize,
    maxBatches,
  );
}

/** Deletes nonces whose replay window has passed; returns how many. */
export function deleteExpiredNonces(prisma: PrismaClient, nowMs: number, batchSize = 1000, maxBatches = 20): Promise<number> {
  return deleteInBatches(
    () =>
      prisma.$executeRawUnsafe(
        `DELETE FROM "SeenNonce" WHERE "nonce" IN (
           SELECT "nonce" FROM "SeenNonce" WHERE "expiresAt" < $1::text::timestamp(3)
            LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        utc(nowMs),
        batchSize,
      ),
    batchSize,
    maxBatches,
  );
}

export async function callLogHousekeeping(prisma: PrismaClient, opts: HousekeepingOptions): Promise<HousekeepingResult> {
  const { nowMs, batchSize = 1000, maxBatches = 20 } = opts;
  const interrupted = await closeInterruptedCalls(prisma, nowMs, opts.interruptedAfterMs);
  const deletedCalls = await deleteOldCalls(prisma, nowMs, opts.retentionDays ?? getEnv().CALL_LOG_RETENTION_DAYS, batchSize, maxBatches);
  const deletedNonces = await deleteExpiredNonces(prisma, nowMs, batchSize, maxBatches);
  return { interrupted, deletedCalls, deletedNonces };
}
