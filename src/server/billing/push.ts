/**
 * Pushes due outbox records to 按需使用量推送(新), up to 1,000 per call. Outcomes (usage-push.ts):
 * accepted/duplicate → SENT; retry → backoff, same metering_sn next time; rejected → a batch is
 * split and each record pushed on its own, so one bad record cannot hold back the others, and a
 * record refused on its own is FAILED (shown to staff, not retried).
 */
import type { PrismaClient, UsagePushRecord } from "~/generated/prisma/client";
import { formatUsageTime } from "~/koogallery/time";
import { pushUsage, type UsagePushData } from "~/server/openapi/usage-push";
import { sqlToUnits, unitsToSql } from "./amounts";
import type { BillingConfig } from "./config";
import { claimDueRecords, markFailed, markRetry, markSent } from "./outbox";

const HOUR = 3_600_000;

/** "12.3400" → "12.34"; the API takes at most 4 decimals and shows "99" in its example. */
export function formatUsageValue(decimal: string): string {
  return unitsToSql(sqlToUnits(decimal)).replace(/\.?0+$/, "");
}

export function toUsagePushData(r: Pick<UsagePushRecord, "instanceId" | "packageInstanceId" | "hourStart" | "recordTime" | "usageValue" | "meteringSn">): UsagePushData {
  return {
    instance_id: r.instanceId,
    record_time: formatUsageTime(r.recordTime),
    begin_time: formatUsageTime(r.hourStart),
    end_time: formatUsageTime(new Date(r.hourStart.getTime() + HOUR)),
    usage_value: formatUsageValue(r.usageValue.toFixed(4)),
    metering_sn: r.meteringSn,
    ...(r.packageInstanceId ? { relate_pkg_instance: r.packageInstanceId } : {}),
  };
}

export interface PushResult {
  calls: number;
  sent: number;
  retrying: number;
  failed: number;
}

export async function pushDueUsage(prisma: PrismaClient, cfg: BillingConfig, opts: { nowMs?: number; maxBatches?: number } = {}): Promise<PushResult> {
  const out: PushResult = { calls: 0, sent: 0, retrying: 0, failed: 0 };
  const p = cfg.usagePush;
  if (!p.enabled) return out;
  const client = { endpoint: cfg.openApi.endpoint, key: p.key, timeoutMs: p.timeoutMs, successCodes: p.successCodes, duplicateCodes: p.duplicateCodes };
  const leaseMs = p.timeoutMs + 60_000;

  async function send(batch: UsagePushRecord[]): Promise<void> {
    const nowMs = Date.now();
    out.calls++;
    const outcome = await pushUsage(client, batch.map(toUsagePushData), nowMs);
    if (outcome.kind === "accepted" || outcome.kind === "duplicate") {
      await markSent(prisma, batch.map((r) => r.id), outcome.code, Date.now());
      out.sent += batch.length;
    } else if (outcome.kind === "retry") {
      const { failed } = await markRetry(prisma, batch, outcome, Date.now(), p);
      out.failed += failed;
      out.retrying += batch.length - failed;
      console.warn(`[billing] usage push of ${batch.length} record(s) will be retried: ${outcome.reason}`);
    } else if (batch.length > 1) {
      for (const r of batch) await send([r]);
    } else {
      await markFailed(prisma, batch[0]!.id, outcome);
      out.failed++;
      console.error(`[billing] usage record ${batch[0]!.meteringSn} refused by the marketplace: ${outcome.reason}`);
    }
  }

  for (let i = 0; i < (opts.maxBatches ?? 50); i++) {
    const batch = await claimDueRecords(prisma, { nowMs: opts.nowMs ?? Date.now(), limit: p.batchSize, leaseMs });
    if (batch.length === 0) break;
    await send(batch);
    if (batch.length < p.batchSize) break;
  }
  return out;
}
