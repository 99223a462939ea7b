/**
 * Pushes due outbox records to 按需使用量推送(新), up to 1,000 per call. Each answer is decided by
 * the MKT.* table (src/server/openapi/mkt-codes.ts):
 *   sent         → SENT
 *   retry        → backoff, same metering_sn next time; this cycle sends nothing more (MKT.0250,
 *                  gateway errors and timeouts mean "not now")
 *   alert        → the same, and the overview shows the signature/key alert until a push passes
 *   split        → MKT.9003 (too many records): each half is pushed on its own
 *   dead-letter  → a batch is bisected until the refused records stand alone; a record refused on
 *                  its own is a dead letter (FAILED, reason REFUSED) for staff to fix and re-queue
 * Before sending, records older than 21 days and debug instances' records are dead-lettered
 * unsent (outbox.ts deadLetterUnsendable). A cycle makes at most `maxCallsPerCycle` calls.
 */
import type { PrismaClient, UsagePushRecord } from "~/generated/prisma/client";
import { formatUsageTime } from "~/koogallery/time";
import { pushUsage, type UsagePushData } from "~/server/openapi/usage-push";
import { sqlToUnits, unitsToSql } from "./amounts";
import type { BillingConfig } from "./config";
import { claimDueRecords, deadLetterUnsendable, extendLease, markDead, markRetry, markSent, releaseClaim } from "./outbox";
import { logger } from "~/server/observability/logger";

/** "12.3400" → "12.34"; the API takes at most 4 decimals and shows "99" in its example. */
export function formatUsageValue(decimal: string): string {
  return unitsToSql(sqlToUnits(decimal)).replace(/\.?0+$/, "");
}

type Pushable = Pick<UsagePushRecord, "instanceId" | "packageInstanceId" | "beginTime" | "endTime" | "recordTime" | "usageValue" | "meteringSn">;

/** The record as UsagePushData; every time in UTC (yyyyMMdd'T'HHmmss'Z'). */
export function toUsagePushData(r: Pushable): UsagePushData {
  if (!r.instanceId || !r.beginTime || !r.endTime) throw new Error(`usage record ${r.meteringSn} has no instance_id or window yet`);
  return {
    instance_id: r.instanceId,
    record_time: formatUsageTime(r.recordTime),
    begin_time: formatUsageTime(r.beginTime),
    end_time: formatUsageTime(r.endTime),
    usage_value: formatUsageValue(r.usageValue.toFixed(4)),
    metering_sn: r.meteringSn,
    ...(r.packageInstanceId ? { relate_pkg_instance: r.packageInstanceId } : {}),
  };
}

export interface PushResult {
  calls: number;
  sent: number;
  retrying: number;
  /** Dead-lettered this cycle (refused, too old, debug instance, gave up). */
  failed: number;
}

export async function pushDueUsage(prisma: PrismaClient, cfg: BillingConfig, opts: { nowMs?: number; maxBatches?: number } = {}): Promise<PushResult> {
  const out: PushResult = { calls: 0, sent: 0, retrying: 0, failed: 0 };
  const p = cfg.usagePush;
  if (!p.enabled) return out;
  const nowMs = opts.nowMs ?? Date.now();
  // The cycle's clock: starts at nowMs (tests move it) and runs in real time from there, so leases
  // and retry times stay on the same base as the claim.
  const started = Date.now();
  const clockMs = () => nowMs + (Date.now() - started);
  const swept = await deadLetterUnsendable(prisma, nowMs, p.maxRecordAgeMs);
  out.failed += swept.tooOld + swept.test;

  const client = { endpoint: cfg.openApi.endpoint, fallbackEndpoint: cfg.openApi.fallbackEndpoint, key: p.key, timeoutMs: p.timeoutMs };
  const leaseMs = 2 * p.timeoutMs + 60_000;
  let backingOff = false;

  async function send(batch: UsagePushRecord[]): Promise<void> {
    const ids = batch.map((r) => r.id);
    if (backingOff || out.calls >= p.maxCallsPerCycle) return releaseClaim(prisma, ids);
    out.calls++;
    await extendLease(prisma, ids, clockMs() + leaseMs);
    const v = await pushUsage(client, batch.map(toUsagePushData));
    const halves = () => [batch.slice(0, Math.ceil(batch.length / 2)), batch.slice(Math.ceil(batch.length / 2))];
    switch (v.decision) {
      case "sent":
        await markSent(prisma, ids, v.code, clockMs());
        out.sent += batch.length;
        return;
      case "split":
      case "dead-letter":
        if (batch.length > 1) {
          for (const half of halves()) await send(half);
          return;
        }
        if (v.decision === "dead-letter") {
          out.failed += await markDead(prisma, ids, "REFUSED", v, clockMs());
          logger("billing").error({ meteringSn: batch[0]!.meteringSn, resultCode: v.code ?? null }, `usage record refused by the marketplace: ${v.reason}`);
          return;
        }
      // A single record cannot be "too many records": treat it as transient.
      // falls through
      case "retry":
      case "alert": {
        backingOff = true;
        const { dead } = await markRetry(prisma, batch, v, clockMs(), p);
        out.failed += dead;
        out.retrying += batch.length - dead;
        logger("billing")[v.decision === "alert" ? "error" : "warn"]({ records: batch.length, alert: v.alert ?? null }, `usage push will be retried: ${v.reason}`);
      }
    }
  }

  for (let i = 0; i < (opts.maxBatches ?? 50) && !backingOff && out.calls < p.maxCallsPerCycle; i++) {
    const batch = await claimDueRecords(prisma, { nowMs, limit: p.batchSize, leaseMs });
    if (batch.length === 0) break;
    await send(batch);
    if (batch.length < p.batchSize) break;
  }
  return out;
}
