/**
 * Hourly aggregation: billed ledger entries of closed hours become usage records in the push
 * outbox (UsagePushRecord), one per billed instance, package, meter and hour.
 *
 * Exactly once: a single statement sums the hour's unclaimed entries, inserts the records and
 * stamps each entry with its record id (pushRecordId) — all or nothing. An entry whose debit
 * commits after its hour was aggregated is still unclaimed and lands in a supplementary record
 * for that hour (seq 2, 3 …) on the next run, so nothing is lost and nothing is counted twice.
 * Missed hours (worker down) are caught up oldest first. Replicas take turns through a
 * transaction-scoped advisory lock; the unique key (instance, package, meter, hour, seq) is the
 * backstop. metering_sn = "{yyyyMMddHH}-{seq}-{sha256(instance|package|meter|hour|seq)[0:32]}":
 * derived, never random, so re-creating or re-pushing a record cannot double count.
 */
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { formatCompactUtc } from "~/koogallery/time";
import { billingConfig } from "./config";
import { resolvePushRecords, type ResolveResult } from "./resolve-records";

/** Arbitrary constant shared by every process: "koo-billing-aggregate". */
const AGGREGATION_LOCK = 734_251_001;
const HOUR = 3_600_000;

/** Billed entries that are pushed at all: a debug instance's never are (they stay unclaimed). */
const BILLABLE = `e."pushRecordId" IS NULL AND e."billedInstanceId" IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "Instance" t WHERE t."id" = e."billedInstanceId" AND t."isTest")`;

// A 用完即停 draw is billed to its package ("self", drawdown-sql.ts): its record carries the package
// as relate_pkg_instance and gets instance_id from PackageLink (resolve-records.ts); it is numbered
// per package so that the later instance_id can never collide. Anything else is pushed as billed,
// without relate_pkg_instance (按需套餐包: the marketplace deducts the packages itself).
const SQL = `
WITH pending AS (
  SELECT e."id",
         CASE WHEN e."billedInstanceId" = e."packageInstanceId" THEN '' ELSE e."billedInstanceId" END AS inst,
         CASE WHEN e."billedInstanceId" = e."packageInstanceId" THEN e."packageInstanceId" ELSE '' END AS pkg,
         e."meter" AS meter, e."amount"
    FROM "UsageEntry" e
   WHERE ${BILLABLE}
     AND e."createdAt" >= $1::text::timestamp(3) AND e."createdAt" < $2::text::timestamp(3)
     FOR UPDATE OF e
),
groups AS (
  SELECT p.inst, p.pkg, p.meter, SUM(p.amount) AS total,
         COALESCE((SELECT MAX(r."seq") FROM "UsagePushRecord" r
                    WHERE r."packageInstanceId" = p.pkg AND r."meter" = p.meter AND r."hourStart" = $1::text::timestamp(3)
                      AND (p.pkg <> '' OR r."instanceId" = p.inst)), 0) + 1 AS seq
    FROM pending p GROUP BY p.inst, p.pkg, p.meter
),
named AS (
  SELECT g.*, gen_random_uuid() AS rid,
         $3::text || '-' || g.seq || '-' ||
         substr(encode(sha256(convert_to(g.inst || '|' || g.pkg || '|' || g.meter || '|' || $3::text || '|' || g.seq, 'UTF8')), 'hex'), 1, 32) AS sn
    FROM groups g
),
ins AS (
  INSERT INTO "UsagePushRecord" ("id", "meteringSn", "instanceId", "packageInstanceId", "meter", "hourStart", "seq", "usageValue", "recordTime", "nextAttemptAt")
  SELECT n.rid, n.sn, n.inst, n.pkg, n.meter, $1::text::timestamp(3), n.seq, n.total, $4::text::timestamp(3), $4::text::timestamp(3)
    FROM named n
  RETURNING "id"
),
claimed AS (
  UPDATE "UsageEntry" e SET "pushRecordId" = n.rid
    FROM pending p JOIN named n ON n.inst = p.inst AND n.pkg = p.pkg AND n.meter = p.meter
   WHERE e."id" = p."id"
  RETURNING e."id"
)
SELECT (SELECT COUNT(*)::int FROM ins) AS "records", (SELECT COUNT(*)::int FROM claimed) AS "entries"
`;

/** yyyyMMddHH (UTC): the metering_sn prefix. */
const hourLabel = (d: Date) => formatCompactUtc(d).slice(0, 10);

export interface AggregationResult {
  hours: number;
  records: number;
  entries: number;
  /** New records given their instance_id and window; 用完即停 ones without an on-demand instance dead-lettered. */
  resolved: ResolveResult | null;
  /** False when another process held the aggregation lock. */
  ran: boolean;
}

const takeLock = async (tx: Prisma.TransactionClient) =>
  (await tx.$queryRawUnsafe<Array<{ ok: boolean }>>(`SELECT pg_try_advisory_xact_lock($1::bigint) AS ok`, AGGREGATION_LOCK))[0]?.ok === true;

/**
 * Aggregates every closed hour (ended at least `delayMs` before nowMs) that has unclaimed billed
 * entries, oldest first, one hour per short transaction; then resolves the new records'
 * instance_id and window (resolve-records.ts) under the same lock.
 */
export async function aggregateUsage(
  prisma: PrismaClient,
  opts: { nowMs: number; delayMs: number; maxHours?: number; stopPackageInstance?: "on-demand" | "package" },
): Promise<AggregationResult> {
  const cutoff = new Date(Math.floor((opts.nowMs - opts.delayMs) / HOUR) * HOUR);
  const out: AggregationResult = { hours: 0, records: 0, entries: 0, resolved: null, ran: true };
  let locked = false;
  for (let i = 0; i < (opts.maxHours ?? 24 * 31); i++) {
    const step = await prisma.$transaction(
      async (tx) => {
        if (!(await takeLock(tx))) return "locked" as const;
        const [first] = await tx.$queryRawUnsafe<Array<{ at: Date | null }>>(
          `SELECT MIN(e."createdAt") AS at FROM "UsageEntry" e
            WHERE ${BILLABLE} AND e."createdAt" < $1::text::timestamp(3)`,
          cutoff.toISOString(),
        );
        if (!first?.at) return "done" as const;
        const start = new Date(Math.floor(first.at.getTime() / HOUR) * HOUR);
        const end = new Date(start.getTime() + HOUR);
        const [r] = await tx.$queryRawUnsafe<Array<{ records: number; entries: number }>>(
          SQL,
          start.toISOString(),
          end.toISOString(),
          hourLabel(start),
          new Date(opts.nowMs).toISOString(),
        );
        return r!;
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    if (step === "locked") {
      locked = true;
      break;
    }
    if (step === "done") break;
    out.hours++;
    out.records += step.records;
    out.entries += step.entries;
  }
  if (locked) return { ...out, ran: out.hours > 0 };
  const mode = opts.stopPackageInstance ?? billingConfig().usagePush.stopPackageInstance;
  out.resolved = await prisma.$transaction(async (tx) => ((await takeLock(tx)) ? resolvePushRecords(tx, opts.nowMs, mode) : null), {
    maxWait: 10_000,
    timeout: 60_000,
  });
  return out;
}
